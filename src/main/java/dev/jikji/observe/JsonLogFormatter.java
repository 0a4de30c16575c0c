package dev.jikji.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * One JSON object per line: {@code timestamp}, {@code level}, {@code logger}, {@code thread}, {@code message},
 * {@code mdc} when set, {@code exception} (class, message, stack trace) when thrown. Written with Jackson:
 * jboss-logmanager's own JsonFormatter needs a jakarta.json implementation the build does not have, and
 * quarkus-logging-json does not resolve here.
 */
public class JsonLogFormatter extends ExtFormatter {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(ExtLogRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.ofEpochMilli(record.getMillis()).toString());
            g.writeStringField("level", record.getLevel().getName());
            g.writeStringField("logger", record.getLoggerName());
            g.writeStringField("thread", record.getThreadName());
            g.writeStringField("message", formatMessage(record));
            Map<String, String> mdc = record.getMdcCopy();
            if (mdc != null && !mdc.isEmpty()) {
                g.writeObjectFieldStart("mdc");
                for (var e : mdc.entrySet()) g.writeStringField(e.getKey(), e.getValue());
                g.writeEndObject();
            }
            Throwable t = record.getThrown();
            if (t != null) {
                g.writeObjectFieldStart("exception");
                g.writeStringField("type", t.getClass().getName());
                g.writeStringField("message", t.getMessage());
                StringWriter trace = new StringWriter();
                t.printStackTrace(new PrintWriter(trace));
                g.writeStringField("stackTrace", trace.toString());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }
}
