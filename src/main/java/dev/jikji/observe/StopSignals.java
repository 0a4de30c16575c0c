package dev.jikji.observe;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * Stops the application on SIGTERM/SIGINT <em>before</em> the JVM runs its shutdown hooks. Otherwise ONNX
 * Runtime's own hook (OrtEnvironment's OrtEnvCloser) releases the native environment while Quarkus' hook is
 * still waiting for in-flight requests, and a request that is embedding or generating crashes the JVM
 * (SIGSEGV in libonnxruntime.so): GracefulShutdownIT found it. Here the signal asks Quarkus to exit: readiness
 * goes DOWN, in-flight requests finish (quarkus.shutdown.timeout), the index is committed and closed, the
 * models are closed, and only then does the JVM exit and ONNX Runtime's hook run with nothing in flight.
 */
@ApplicationScoped
public class StopSignals {

    private static final Logger LOG = Logger.getLogger(StopSignals.class);

    void onStart(@Observes @Priority(1) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) return; // tests and dev mode keep the JVM's handlers
        for (String name : new String[] {"TERM", "INT"}) {
            int code = name.equals("TERM") ? 143 : 130;
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.infof("SIG%s: finishing requests in flight, then stopping", name);
                    Quarkus.asyncExit(code);
                });
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.warnf("Cannot handle SIG%s (%s): a stop signal may interrupt requests in flight", name, e.getMessage());
            }
        }
    }
}
