package dev.jikji.index;

import dev.jikji.config.JikjiConfig;
import dev.jikji.index.solr.SolrIndex;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * The service's {@link SearchIndex}, as {@code jikji.index.kind} says: the embedded Lucene index or a SolrCloud
 * collection. Only the chosen one is created (the other's bean is never looked up), at start-up so that a
 * mismatched index or an unreachable cluster fails the start, not the first request.
 */
@ApplicationScoped
public class IndexProducer {

    @Produces
    @ApplicationScoped
    @Startup
    SearchIndex index(JikjiConfig config, Instance<LuceneIndex> embedded, Instance<SolrIndex> solr) {
        return switch (config.index().kind()) {
            case EMBEDDED -> embedded.get();
            case SOLRCLOUD -> solr.get();
        };
    }
}
