package dev.jikji.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * jikji.log.json=true turns on quarkus-logging-json's console formatter (quarkus.log.console.json.enabled follows it),
 * and a record comes out as one JSON object. PackagedAppIT checks the packaged server's first lines of boot.
 */
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

    private static void formatters(Handler[] handlers, List<Formatter> out) {
        for (Handler h : handlers) {
            if (h instanceof ConsoleHandler c) out.add(c.getFormatter());
            else if (h instanceof ExtHandler e) formatters(e.getHandlers(), out);
        }
    }

    @Test
    void consoleWritesJson() throws Exception {
        List<Formatter> consoles = new ArrayList<>();
        formatters(LogContext.getLogContext().getLogger("").getHandlers(), consoles);
        List<Formatter> json = consoles.stream()
                .filter(f -> f.getClass().getName().equals("io.quarkus.logging.json.runtime.JsonFormatter")).toList();
        assertThat(json).as("console formatters " + consoles).isNotEmpty();

        ExtLogRecord record = new ExtLogRecord(Level.WARN, "Index at %s: %d \"documents\"", ExtLogRecord.FormatStyle.PRINTF,
                JsonLogsTest.class.getName());
        record.setParameters(new Object[] {"data/index", 3});
        record.setLoggerName("dev.jikji.index.LuceneIndex");
        record.setThrown(new IllegalStateException("write.lock held\nby another process"));
        String line = json.getFirst().format(record);
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode node = new ObjectMapper().readTree(line);
        assertThat(node.path("level").asText()).isEqualTo("WARN");
        assertThat(node.path("loggerName").asText()).isEqualTo("dev.jikji.index.LuceneIndex");
        assertThat(node.path("message").asText()).isEqualTo("Index at data/index: 3 \"documents\"");
        assertThat(node.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(node.path("exception").path("exceptionType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(node.path("exception").toString()).contains("JsonLogsTest");
    }
}
