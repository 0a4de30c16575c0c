package dev.jikji.embed;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import jakarta.inject.Qualifier;

/**
 * The passage (document) view of the embedding model, as a CDI qualifier: {@code @Inject @Passage EmbeddingModel}.
 * The unqualified {@code EmbeddingModel} bean is the query view: models such as e5 embed questions and passages
 * with different prefixes, and vectors of one view are searched against the other.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Passage {}
