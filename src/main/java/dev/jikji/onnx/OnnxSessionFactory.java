package dev.jikji.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.jikji.admission.WorkAdmission;
import dev.jikji.config.JikjiConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Opens ONNX Runtime sessions on the execution provider asked for, and says which one was actually used:
 * with {@code auto} CUDA is tried first and CPU taken when the CUDA provider or a GPU is missing.
 */
public final class OnnxSessionFactory {

    private static final Logger LOG = Logger.getLogger(OnnxSessionFactory.class);

    private final JikjiConfig.Onnx.Device device;
    private final int intraOpThreads;
    private final int cudaDeviceId;
    private final boolean spinWait;
    private final WorkAdmission admission; // whose ingest threads open the sessions bulk work runs on

    public OnnxSessionFactory(JikjiConfig.Onnx.Device device, int intraOpThreads, int cudaDeviceId) {
        this(device, intraOpThreads, cudaDeviceId, false);
    }

    public OnnxSessionFactory(JikjiConfig.Onnx.Device device, int intraOpThreads, int cudaDeviceId, boolean spinWait) {
        this(device, intraOpThreads, cudaDeviceId, spinWait, WorkAdmission.NONE);
    }

    private OnnxSessionFactory(JikjiConfig.Onnx.Device device, int intraOpThreads, int cudaDeviceId, boolean spinWait,
            WorkAdmission admission) {
        this.admission = admission;
        this.device = device;
        this.intraOpThreads = intraOpThreads;
        this.cudaDeviceId = cudaDeviceId;
        this.spinWait = spinWait;
    }

    /** The one place configuration ({@code jikji.onnx.*}) makes a factory: the bean ({@link OnnxSessions}) and the offline CLI. */
    public static OnnxSessionFactory of(JikjiConfig config) {
        return new OnnxSessionFactory(config.onnx().device(), config.onnx().intraOpThreads(), config.onnx().cudaDeviceId(),
                config.onnx().spinWait());
    }

    public static OnnxSessionFactory cpu() {
        return new OnnxSessionFactory(JikjiConfig.Onnx.Device.CPU, 0, 0);
    }

    /** The same factory, opening {@link #openForBulk bulk} sessions on {@code admission}'s ingest threads. */
    public OnnxSessionFactory withIngestThreadsOf(WorkAdmission admission) {
        return new OnnxSessionFactory(device, intraOpThreads, cudaDeviceId, spinWait, admission);
    }

    public OpenedSession open(Path model) throws OrtException {
        return OnnxThreads.call(() -> openOnThisThread(model));
    }

    /**
     * A session for ingest's batches, opened on an ingest thread: ONNX Runtime starts its intra-op threads as the
     * session opens, and they keep the nice value of the thread that opened it (see {@code NicedThreads}).
     */
    public OpenedSession openForBulk(Path model) throws OrtException {
        try {
            return admission.onIngestThread(() -> {
                try {
                    return open(model);
                } catch (OrtException e) {
                    throw new UncheckedOrtException(e);
                }
            });
        } catch (UncheckedOrtException e) {
            throw e.cause;
        }
    }

    private static final class UncheckedOrtException extends RuntimeException {
        final OrtException cause;

        UncheckedOrtException(OrtException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    private OpenedSession openOnThisThread(Path model) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        boolean tryCuda = device == JikjiConfig.Onnx.Device.CUDA
                || (device == JikjiConfig.Onnx.Device.AUTO && nvidiaDriverPresent());
        if (tryCuda) {
            try (OrtSession.SessionOptions options = baseOptions()) {
                options.addCUDA(cudaDeviceId);
                return new OpenedSession(env.createSession(model.toString(), options), "CUDA");
            } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
                if (device == JikjiConfig.Onnx.Device.CUDA) {
                    throw new IllegalStateException("jikji.onnx.device=cuda but the CUDA execution provider could not be loaded: "
                            + e.getMessage(), e);
                }
                LOG.debugf("CUDA execution provider unavailable, using CPU: %s", e.getMessage());
            }
        }
        try (OrtSession.SessionOptions options = baseOptions()) {
            return new OpenedSession(env.createSession(model.toString(), options), "CPU");
        }
    }

    /** Without a driver the CUDA provider cannot load; not trying spares a native error on every CPU host. */
    static boolean nvidiaDriverPresent() {
        return Files.exists(Path.of("/proc/driver/nvidia/version")) || Files.exists(Path.of("/dev/nvidia0"));
    }

    private OrtSession.SessionOptions baseOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (intraOpThreads > 0) {
            options.setIntraOpNumThreads(intraOpThreads);
        }
        if (!spinWait) {
            // idle workers sleep instead of spinning, so one session's batch leaves the cores to everything else
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
        }
        return options;
    }

    /** A session and the execution provider it runs on ("CUDA" or "CPU"). */
    public record OpenedSession(OrtSession session, String executionProvider) {}
}
