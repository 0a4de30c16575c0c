package dev.jikji.index.solr;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.ClaimStore;
import dev.jikji.index.DocumentListQuery;
import dev.jikji.index.DocumentPage;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.IndexFields;
import dev.jikji.index.IndexFilter;
import dev.jikji.index.IndexUnavailableException;
import dev.jikji.index.IndexWriteException;
import dev.jikji.index.IndexedDocument;
import dev.jikji.index.JikjiAnalyzer;
import dev.jikji.index.LegQuery;
import dev.jikji.index.Legs;
import dev.jikji.index.ReindexSource;
import dev.jikji.index.SearchIndex;
import dev.jikji.index.StoredChunk;
import dev.jikji.index.WriteFailure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.client.solrj.response.TermsResponse;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.jboss.logging.Logger;

/**
 * The index as a SolrCloud collection ({@code jikji.index.kind=solrcloud}), through SolrJ only: Solr 9 runs on
 * Lucene 9 in its own JVMs, Jikji keeps Lucene 10 for analysis on its side. Shared by every Jikji replica, so
 * nothing of it is per process. A document is one nested block (record and chunks, see {@link SolrDocuments});
 * {@link #commit(long)} is a hard commit opening a new searcher on every replica, so an acknowledged write is
 * durable (on each replica's transaction log and segments) and visible to the next search, as in the embedded index.
 */
@ApplicationScoped
@Typed(SolrIndex.class)
public class SolrIndex implements SearchIndex {

    private static final Logger LOG = Logger.getLogger(SolrIndex.class);

    private final SolrClient client;
    /** The configured name: an alias over the versioned collections (see {@link SolrCollection}). */
    private final String alias;
    /** The collection this process reads and writes: the alias's at start, or the version it rebuilds. */
    private final String collection;
    private final Optional<String> rebuildFrom;
    private final JikjiConfig.Index.Solr.PreviousCollection previousCollection;
    /** True while this process rebuilds {@link #collection}, which the alias does not point at yet. */
    private volatile boolean rebuilding;
    private final JikjiAnalyzer analyzer;
    private final ObjectMapper json;
    private final SolrClaims claims;
    private volatile WriteFailure writeFailure;

    @Inject
    public SolrIndex(JikjiConfig config, EmbeddingModels embeddings, ObjectMapper json) {
        this(config.index(), SolrSetup.of(config, embeddings), json);
    }

    public SolrIndex(JikjiConfig.Index settings, JikjiAnalyzer analyzer, int dimension, String embeddingFingerprint,
            String vectorLanguages, ObjectMapper json) {
        this(settings, SolrSetup.of(settings, analyzer, dimension, embeddingFingerprint, vectorLanguages), json);
    }

    private SolrIndex(JikjiConfig.Index settings, SolrSetup setup, ObjectMapper json) {
        JikjiConfig.Index.Solr solr = setup.settings();
        this.alias = setup.collection();
        this.previousCollection = solr.previousCollection();
        this.analyzer = setup.analyzer();
        this.json = json;
        this.client = setup.client();
        SolrCollection.Placement placement;
        try {
            placement = SolrCollection.prepare(client, alias, setup.configset(), solr.shards(), solr.replicas(),
                    setup.modelRecord(), settings.onModelMismatch());
            this.claims = SolrClaims.prepare(client, SolrClaims.collectionFor(alias), solr.replicas(),
                    SolrClaims.PURGE_EVERY);
        } catch (SolrServerException | IOException | SolrException e) {
            close();
            throw new IllegalStateException("Cannot reach or prepare the SolrCloud collection '" + alias + "' at "
                    + setup.urls() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        this.collection = placement.serving();
        this.rebuildFrom = placement.rebuildFrom();
        this.rebuilding = rebuildFrom.isPresent();
        LOG.infof("Index: SolrCloud collection %s (alias %s) at %s (configset %s): %d documents, %d chunks, %d with vectors",
                collection, alias, setup.urls(), setup.configset().name(), countDocuments(), countChunks(),
                countEmbeddedChunks());
    }

    @Override
    public JikjiAnalyzer analyzer() {
        return analyzer;
    }

    @Override
    public void upsert(IndexedDocument document) {
        write(() -> client.add(collection, SolrDocuments.block(document)));
    }

    /** The record is the block's root: deleting it by id takes its chunks with it. */
    @Override
    public void delete(String documentId) {
        write(() -> client.deleteByQuery(collection, SolrQueries.term("_root_", SolrDocuments.recordKey(documentId))));
    }

    /** One generation: the cluster keeps what it acknowledged, there is no writer here to lose writes with. */
    @Override
    public long generation() {
        return 0;
    }

    @Override
    public void commit(long generation) {
        write(() -> client.commit(collection, true, true));
        writeFailure = null;
    }

    private interface Write {
        void run() throws SolrServerException, IOException;
    }

    private void write(Write w) {
        try {
            checkStillCurrent();
            w.run();
        } catch (SolrServerException | IOException | SolrException | IllegalArgumentException e) {
            if (writeFailure == null) writeFailure = new WriteFailure(IndexWriteException.Cause.UNAVAILABLE, Instant.now());
            LOG.errorf("SolrCloud write to %s failed: %s", collection, e.getMessage());
            throw new IndexWriteException(IndexWriteException.Cause.UNAVAILABLE, reason(e), e);
        }
    }

    /**
     * Refuses writes once the alias points elsewhere: a replica with another configuration rebuilt the index, and
     * this one's vectors or analysis would not fit the new collection, while writes to the old one would be read by
     * nobody. Readiness goes DOWN, so the Service stops sending this replica traffic (a rolling update replaces it).
     * SolrJ caches the alias for a few seconds, so this costs no request.
     */
    private void checkStillCurrent() {
        if (rebuilding) return;
        String now;
        try {
            now = ((CloudHttp2SolrClient) client).getClusterStateProvider().resolveSimpleAlias(alias);
        } catch (RuntimeException e) {
            // SolrJ could not refresh its aliases (a node down): the write itself says whether the cluster takes it
            return;
        }
        if (collection.equals(now)) return;
        try {
            // the cache may predate a switch this process made itself: ask the cluster before refusing
            now = SolrCollection.aliases(client).getOrDefault(alias, alias);
        } catch (SolrServerException | IOException e) {
            throw new IndexWriteException(IndexWriteException.Cause.UNAVAILABLE, reason(e), e);
        }
        if (!collection.equals(now)) {
            writeFailure = new WriteFailure(IndexWriteException.Cause.OUTDATED, Instant.now());
            throw new IndexWriteException(IndexWriteException.Cause.OUTDATED, "the alias " + alias + " now points at "
                    + now + ", this replica writes " + collection, null);
        }
    }

    @Override
    public Optional<DocumentRecord> document(String id, Set<String> groups) {
        SolrQuery q = query("*:*", SolrQueries.filters(new IndexFilter(List.of(id), Map.of(), groups), IndexFields.TYPE_DOC),
                1, SolrDocuments.RECORD_FIELDS);
        return select(q).getResults().stream().findFirst().map(d -> SolrDocuments.toRecord(d, json));
    }

    @Override
    public List<StoredChunk> chunksOf(String id, Set<String> groups, int limit) {
        SolrQuery q = query("*:*", SolrQueries.filters(new IndexFilter(List.of(id), Map.of(), groups), IndexFields.TYPE_CHUNK),
                Math.max(1, limit), SolrDocuments.CHUNK_FIELDS);
        List<StoredChunk> out = new ArrayList<>(select(q).getResults().stream().map(SolrDocuments::toChunk).toList());
        out.sort(Comparator.comparingInt(StoredChunk::start));
        return out;
    }

    @Override
    public DocumentPage listDocuments(DocumentListQuery query) {
        List<String> fq = SolrQueries.filters(new IndexFilter(List.of(), Map.of(), query.groups()), IndexFields.TYPE_DOC);
        if (query.prefix() != null && !query.prefix().isEmpty()) {
            fq.add("{!prefix f=" + IndexFields.DOC_ID + "}" + query.prefix());
        }
        int total = (int) select(query("*:*", fq, 0, IndexFields.DOC_ID)).getResults().getNumFound();
        if (query.afterId() != null) {
            fq.add(IndexFields.DOC_ID + ":{" + ClientUtils.escapeQueryChars(query.afterId()) + " TO *]");
        }
        SolrQuery q = query("*:*", fq, query.limit() + 1, SolrDocuments.RECORD_FIELDS);
        q.setSort(IndexFields.DOC_ID, SolrQuery.ORDER.asc);
        List<SolrDocument> found = select(q).getResults();
        List<DocumentRecord> page = new ArrayList<>();
        for (int i = 0; i < Math.min(query.limit(), found.size()); i++) page.add(SolrDocuments.toRecord(found.get(i), json));
        boolean more = found.size() > query.limit();
        return new DocumentPage(page, more ? page.getLast().id() : null, total);
    }

    @Override
    public Legs retrieve(LegQuery q) {
        int n = q.candidates();
        List<String> chunkFilter = SolrQueries.filters(q.filter(), IndexFields.TYPE_CHUNK);
        List<StoredChunk> bm25 = q.runs(LegQuery.Leg.BM25) ? chunks(SolrQueries.bm25(q.text(), q.settings(), analyzer), chunkFilter, n) : List.of();
        List<StoredChunk> knn = q.runs(LegQuery.Leg.VECTOR)
                ? chunks(SolrQueries.knn(q.vector(), Math.max(n, q.settings().vectorGraphCandidates())), chunkFilter, n) : List.of();
        List<StoredChunk> bigrams = q.runs(LegQuery.Leg.BIGRAM) ? chunks(SolrQueries.bigrams(q.text()), chunkFilter, n) : List.of();
        List<String> documents = List.of();
        if (q.runs(LegQuery.Leg.DOCUMENT)) {
            SolrQuery d = SolrQueries.documents(q.text(), q.settings(), analyzer);
            addFilters(d, SolrQueries.filters(q.filter(), IndexFields.TYPE_DOC), n, IndexFields.DOC_ID);
            documents = select(d).getResults().stream().map(r -> SolrDocuments.string(r, IndexFields.DOC_ID)).toList();
        }
        return new Legs(bm25, knn, bigrams, documents);
    }

    private List<StoredChunk> chunks(SolrQuery q, List<String> fq, int n) {
        addFilters(q, fq, n, SolrDocuments.CHUNK_FIELDS);
        return select(q).getResults().stream().map(SolrDocuments::toChunk).toList();
    }

    /**
     * Document frequencies from the terms component, summed over the shards; N counts the chunks (all have
     * contents). Terms with a comma cannot be listed and count as unseen.
     */
    @Override
    public Map<String, Double> idf(Collection<String> terms) {
        Map<String, Double> out = new HashMap<>();
        if (terms.isEmpty()) return out;
        int n = Math.max(1, countChunks());
        Map<String, Long> df = new HashMap<>();
        List<String> listable = terms.stream().filter(t -> t.indexOf(',') < 0).distinct().toList();
        if (!listable.isEmpty()) {
            SolrQuery q = new SolrQuery();
            q.setRequestHandler("/terms");
            q.set("terms.fl", IndexFields.CONTENTS);
            q.set("terms.list", String.join(",", listable));
            TermsResponse r = query(q).getTermsResponse();
            if (r != null && r.getTerms(IndexFields.CONTENTS) != null) {
                for (TermsResponse.Term t : r.getTerms(IndexFields.CONTENTS)) df.put(t.getTerm(), t.getFrequency());
            }
        }
        for (String t : terms) {
            long f = df.getOrDefault(t, 0L);
            out.put(t, Math.log(1 + (n - f + 0.5) / (f + 0.5)));
        }
        return out;
    }

    @Override
    public int countDocuments() {
        return count(IndexFields.TYPE_DOC);
    }

    @Override
    public int countChunks() {
        return count(IndexFields.TYPE_CHUNK);
    }

    /** The sum of the records' embedded counts (a vector field cannot be asked whether it exists). */
    @Override
    public int countEmbeddedChunks() {
        SolrQuery q = query("*:*", List.of(SolrQueries.term(IndexFields.TYPE, IndexFields.TYPE_DOC)), 0, IndexFields.DOC_ID);
        q.set("json.facet", "{e:\"sum(" + IndexFields.EMBEDDED_COUNT + ")\"}");
        Object facets = select(q).getResponse().get("facets");
        if (facets instanceof org.apache.solr.common.util.NamedList<?> f && f.get("e") instanceof Number e) return e.intValue();
        return 0;
    }

    private int count(String type) {
        return (int) select(query("*:*", List.of(SolrQueries.term(IndexFields.TYPE, type)), 0, IndexFields.DOC_ID))
                .getResults().getNumFound();
    }

    @Override
    public Optional<WriteFailure> writeFailure() {
        return Optional.ofNullable(writeFailure);
    }

    /** Pings the collection: the cluster itself recovers (leader election, replica recovery), Jikji only waits. */
    @Override
    public boolean tryRecover() {
        if (writeFailure == null) return true;
        try {
            checkStillCurrent();
            client.ping(collection);
            writeFailure = null;
            return true;
        } catch (SolrServerException | IOException | SolrException | IllegalArgumentException | IndexWriteException e) {
            return false;
        }
    }

    /**
     * With {@code on-model-mismatch=reindex} and a collection built by other models: that collection, to rebuild
     * this process's new version from and then switch the alias (see {@link SolrReindexSource}).
     */
    @Override
    public Optional<ReindexSource> reindexSource() {
        if (!rebuilding) return Optional.empty();
        return rebuildFrom.map(from -> new SolrReindexSource(client, alias, from, collection, previousCollection,
                () -> rebuilding = false));
    }

    /** Slack event ids and request signatures, once for all replicas: {@code <collection>_claims}. */
    @Override
    public Optional<ClaimStore> claims() {
        return Optional.of(claims);
    }

    private static SolrQuery query(String q, List<String> fq, int rows, String fields) {
        SolrQuery query = new SolrQuery(q);
        addFilters(query, fq, rows, fields);
        return query;
    }

    private static void addFilters(SolrQuery q, List<String> fq, int rows, String fields) {
        q.setFilterQueries(fq.toArray(String[]::new));
        q.setRows(rows);
        q.setFields(fields);
    }

    private QueryResponse select(SolrQuery q) {
        return query(q);
    }

    private QueryResponse query(SolrQuery q) {
        try {
            return new QueryRequest(q, org.apache.solr.client.solrj.SolrRequest.METHOD.POST).process(client, collection);
        } catch (SolrServerException | IOException e) {
            LOG.warnf("SolrCloud query to %s failed: %s", collection, e.getMessage());
            throw new IndexUnavailableException("the index cluster did not answer (" + reason(e) + ")", e);
        } catch (SolrException e) {
            LOG.warnf("SolrCloud query to %s failed: %s", collection, e.getMessage());
            throw new IndexUnavailableException("the index cluster did not answer (" + reason(e) + ")", e);
        }
    }

    /**
     * A Solr failure in words for a client: its kind and HTTP status, never Solr's own message, which carries
     * node addresses and request details.
     */
    public static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return "SolrCloud timed out";
            }
            if (t instanceof java.net.ConnectException) return "a SolrCloud node could not be reached";
        }
        if (e instanceof SolrException s) {
            return s.code() == 503 ? "SolrCloud has no live leader or replica for a shard (HTTP 503)"
                    : "SolrCloud answered HTTP " + s.code();
        }
        return "SolrCloud could not be reached (" + e.getClass().getSimpleName() + ")";
    }

    @PreDestroy
    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Closing the SolrCloud client failed", e);
        }
    }
}
