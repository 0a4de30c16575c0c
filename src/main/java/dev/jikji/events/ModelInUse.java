package dev.jikji.events;

/**
 * Implemented by the beans that hold a model (embedder, reranker, generator), so {@code observe} can name every
 * model in use (the {@code jikji_model_info} gauge) without knowing their packages.
 */
public interface ModelInUse {

    /** @param role {@code embedding}, {@code reranker} or {@code generator} */
    record Info(String role, String name, String executionProvider) {}

    Info modelInUse();
}
