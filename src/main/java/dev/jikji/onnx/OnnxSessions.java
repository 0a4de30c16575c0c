package dev.jikji.onnx;

import dev.jikji.admission.WorkAdmission;
import dev.jikji.config.JikjiConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link OnnxSessionFactory} bean: the embedder, the cross-encoder and the generator open their sessions with it. */
public class OnnxSessions {

    @Produces
    @Singleton
    OnnxSessionFactory sessionFactory(JikjiConfig config, WorkAdmission admission) {
        return OnnxSessionFactory.of(config).withIngestThreadsOf(admission);
    }
}
