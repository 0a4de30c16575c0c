package dev.jikji.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** jikji.log.json=true puts the JSON formatter on the console, and a record comes out as one JSON object. */
@QuarkusTest
@Tag("quarkus")
@TestProfile(JsonLogsTest.On.class)
class JsonLogsTest {

    public static class On implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jikji.log.json", "true");
        }
    }

    @Inject
    JsonLogs jsonLogs;

    private static void consoles(Handler[] handlers, List<ConsoleHandler> out) {
        for (Handler h : handlers) {
            if (h instanceof ConsoleHandler c) out.add(c);
            else if (h instanceof ExtHandler e) consoles(e.getHandlers(), out);
        }
    }

    @Test
    void consoleWritesJson() throws Exception {
        assertThat(jsonLogs.installed()).isGreaterThanOrEqualTo(1);
        List<ConsoleHandler> consoles = new ArrayList<>();
        consoles(LogContext.getLogContext().getLogger("").getHandlers(), consoles);
        assertThat(consoles).isNotEmpty().allSatisfy(c -> assertThat(c.getFormatter()).isInstanceOf(JsonLogFormatter.class));

        ExtLogRecord record = new ExtLogRecord(Level.WARN, "Index at %s: %d \"documents\"", ExtLogRecord.FormatStyle.PRINTF,
                JsonLogsTest.class.getName());
        record.setParameters(new Object[] {"data/index", 3});
        record.setLoggerName("dev.jikji.index.LuceneIndex");
        record.setThrown(new IllegalStateException("write.lock held\nby another process"));
        String line = consoles.getFirst().getFormatter().format(record);
        assertThat(line).endsWith("\n").doesNotContain("\n{").hasLineCount(1);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("logger").asText()).isEqualTo("dev.jikji.index.LuceneIndex");
        assertThat(json.path("message").asText()).isEqualTo("Index at data/index: 3 \"documents\"");
        assertThat(json.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.path("exception").path("type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.path("exception").path("stackTrace").asText()).contains("JsonLogsTest");
    }
}
