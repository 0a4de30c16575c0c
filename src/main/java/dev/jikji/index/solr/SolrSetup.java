package dev.jikji.index.solr;

import dev.jikji.config.JikjiConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.IndexFields;
import dev.jikji.index.JikjiAnalyzer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;

/**
 * What a configuration asks of the SolrCloud side: the client for the cluster, the configset it renders, the
 * model record a collection must hold, and the collection's shape. The server ({@link SolrIndex}) and
 * {@code jikji solr} (the operators' CLI) both build it from the configuration, so both check the same version.
 */
public final class SolrSetup {

    // a class, not a record: no generated toString that could print the settings' password
    private final JikjiConfig.Index.Solr solr;
    private final List<String> urls;
    private final SolrConfigset configset;
    private final Map<String, String> modelRecord;
    private final JikjiAnalyzer analyzer;

    private SolrSetup(JikjiConfig.Index.Solr solr, List<String> urls, SolrConfigset configset,
            Map<String, String> modelRecord, JikjiAnalyzer analyzer) {
        this.solr = solr;
        this.urls = List.copyOf(urls);
        this.configset = configset;
        this.modelRecord = Map.copyOf(modelRecord);
        this.analyzer = analyzer;
    }

    public static SolrSetup of(JikjiConfig config, EmbeddingModels embeddings) {
        return of(config.index(), JikjiAnalyzer.of(config.search()),
                embeddings.spec().dimension(), embeddings.fingerprint(), embeddings.vectorLanguages().fingerprint());
    }

    public static SolrSetup of(JikjiConfig.Index settings, JikjiAnalyzer analyzer, int dimension, String embeddingFingerprint,
            String vectorLanguages) {
        JikjiConfig.Index.Solr solr = settings.solr();
        List<String> urls = solr.urls().map(l -> l.stream().filter(u -> !u.isEmpty()).toList()).filter(l -> !l.isEmpty())
                .orElseThrow(() -> new IllegalStateException(
                        "jikji.index.kind=solrcloud needs jikji.index.solr.urls (one or more Solr node URLs)"));
        SolrConfigset configset = new SolrConfigset(analyzer, dimension, settings.hnswM(), settings.hnswBeamWidth());
        Map<String, String> modelRecord = Map.of(IndexFields.COMMIT_EMBEDDING, embeddingFingerprint,
                IndexFields.COMMIT_ANALYZER, analyzer.fingerprint() + "+" + IndexFields.LAYOUT,
                IndexFields.COMMIT_VECTOR_LANGUAGES, vectorLanguages);
        return new SolrSetup(solr, urls, configset, modelRecord, analyzer);
    }

    public JikjiConfig.Index.Solr settings() {
        return solr;
    }

    public List<String> urls() {
        return urls;
    }

    public SolrConfigset configset() {
        return configset;
    }

    /** What a collection built for this configuration records of its models and analysis. */
    public Map<String, String> modelRecord() {
        return modelRecord;
    }

    public JikjiAnalyzer analyzer() {
        return analyzer;
    }

    /** The configured collection name (an alias over its versions). */
    public String collection() {
        return solr.collection();
    }

    /** A client for the cluster, with the configured time-outs and credentials; the caller closes it. */
    public SolrClient client() {
        long timeout = solr.timeout().toMillis();
        Http2SolrClient.Builder http = new Http2SolrClient.Builder()
                .withConnectionTimeout(Math.min(timeout, 10_000), TimeUnit.MILLISECONDS)
                .withRequestTimeout(timeout, TimeUnit.MILLISECONDS)
                .withIdleTimeout(timeout, TimeUnit.MILLISECONDS);
        if (solr.username().isPresent()) {
            http.withBasicAuthCredentials(solr.username().get(), solr.password().orElse(""));
        }
        return new CloudHttp2SolrClient.Builder(urls).withInternalClientBuilder(http)
                .withDefaultCollection(solr.collection()).build();
    }
}
