package dev.jikji.observe;

import dev.jikji.config.JikjiConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

/** With {@code jikji.log.json=true}, the console writes one JSON object per log record ({@link JsonLogFormatter}). */
@ApplicationScoped
public class JsonLogs {

    private final java.util.Map<ConsoleHandler, java.util.logging.Formatter> previous = new java.util.IdentityHashMap<>();
    private int installed;

    // before every other start-up observer, so their logs are JSON already
    void onStart(@Observes @Priority(0) StartupEvent event, JikjiConfig config) {
        if (config.log().json()) {
            installed = install(LogContext.getLogContext().getLogger("").getHandlers(), previous);
            org.jboss.logging.Logger.getLogger(JsonLogs.class).infof("JSON logs on %d console handler(s)", installed);
        }
    }

    /** Console handlers given the JSON formatter, looking inside Quarkus' delayed and async wrappers. */
    public int installed() {
        return installed;
    }

    static int install(Handler[] handlers, java.util.Map<ConsoleHandler, java.util.logging.Formatter> previous) {
        int n = 0;
        for (Handler h : handlers) {
            if (h instanceof ConsoleHandler console) {
                previous.putIfAbsent(console, console.getFormatter());
                console.setFormatter(new JsonLogFormatter());
                n++;
            } else if (h instanceof ExtHandler ext) {
                n += install(ext.getHandlers(), previous);
            }
        }
        return n;
    }

    // the last shutdown observer: an application restarted in the same JVM (tests) gets its own format back
    void onStop(@Observes @Priority(10_000) io.quarkus.runtime.ShutdownEvent event) {
        previous.forEach(ConsoleHandler::setFormatter);
        previous.clear();
    }
}
