package dev.jikji.index.solr;

import dev.jikji.config.JikjiConfig;
import dev.jikji.index.IndexFields;
import dev.jikji.index.ReindexSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.util.ClientUtils;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.jboss.logging.Logger;

/**
 * The SolrCloud collection built by other models (the one the alias still points at), read for its records' stored
 * originals while this process rebuilds them into the new version. Replicas still on the earlier configuration go
 * on serving and writing the old collection meanwhile: {@link #forEachOriginalSince} hands the rebuild what they
 * wrote during it, and {@link #discard} removes from the new version what they deleted, then switches the alias
 * (one ZooKeeper write), then keeps or deletes the old collection ({@code jikji.index.solr.previous-collection}).
 */
final class SolrReindexSource implements ReindexSource {

    private static final Logger LOG = Logger.getLogger(SolrReindexSource.class);
    private static final int PAGE = 100;

    private final SolrClient client;
    private final String alias;
    private final String previous;
    private final String target;
    private final JikjiConfig.Index.Solr.PreviousCollection afterwards;
    private final Runnable switched;

    SolrReindexSource(SolrClient client, String alias, String previous, String target,
            JikjiConfig.Index.Solr.PreviousCollection afterwards, Runnable switched) {
        this.client = client;
        this.alias = alias;
        this.previous = previous;
        this.target = target;
        this.afterwards = afterwards;
        this.switched = switched;
    }

    @Override
    public String describe() {
        return "SolrCloud collection " + previous + " (rebuilt into " + target + ", then alias " + alias + " -> " + target + ")";
    }

    @Override
    public int size() {
        SolrQuery q = records();
        q.setRows(0);
        return (int) query(previous, q).getNumFound();
    }

    @Override
    public void forEachOriginal(Consumer<String> original) {
        page(previous, null, IndexFields.ORIGINAL, d -> original.accept(SolrDocuments.string(d, IndexFields.ORIGINAL)));
    }

    /** Records whose {@code ingestedAt} (the writing replica's clock) is {@code since} or later. */
    @Override
    public void forEachOriginalSince(Instant since, Consumer<String> original) {
        page(previous, IndexFields.INGESTED_AT + ":[" + since.toEpochMilli() + " TO *]", IndexFields.ORIGINAL,
                d -> original.accept(SolrDocuments.string(d, IndexFields.ORIGINAL)));
    }

    /**
     * Deletes from the new version the documents the old one no longer has, commits, switches the alias, then
     * deletes the old collection when so configured. Run again after a crash, each step finds its work done.
     */
    @Override
    public void discard() {
        try {
            Set<String> kept = new HashSet<>();
            page(previous, null, IndexFields.DOC_ID, d -> kept.add(SolrDocuments.string(d, IndexFields.DOC_ID)));
            List<String> gone = new ArrayList<>();
            page(target, null, IndexFields.DOC_ID, d -> {
                String id = SolrDocuments.string(d, IndexFields.DOC_ID);
                if (!kept.contains(id)) gone.add(id);
            });
            for (String id : gone) client.deleteByQuery(target, SolrQueries.term("_root_", SolrDocuments.recordKey(id)));
            client.commit(target, true, true);
            if (!gone.isEmpty()) LOG.infof("Removed %d documents deleted from %s during the rebuild", gone.size(), previous);
            SolrCollection.switchAlias(client, alias, target);
            switched.run();
            if (afterwards == JikjiConfig.Index.Solr.PreviousCollection.DELETE && previous.equals(alias)) {
                // a collection made before aliases, now shadowed by the alias of its name: a delete by that name is
                // one an operator should make knowingly
                LOG.warnf("Kept the previous collection %s: it has the alias's name; delete it with the Collections API"
                        + " once no replica reads it", previous);
            } else if (afterwards == JikjiConfig.Index.Solr.PreviousCollection.DELETE) {
                CollectionAdminRequest.deleteCollection(previous).process(client);
                LOG.infof("Deleted the previous collection %s (jikji.index.solr.previous-collection=delete)", previous);
            } else {
                LOG.infof("Kept the previous collection %s (jikji.index.solr.previous-collection=keep): replicas on the"
                        + " earlier configuration still read it; delete it once none is left", previous);
            }
        } catch (SolrServerException | IOException | SolrException e) {
            throw new UncheckedIOException(new IOException("Switching alias " + alias + " to " + target + " failed: "
                    + SolrIndex.reason(e) + "; the rebuild is resumed at the next start", e));
        }
    }

    private static SolrQuery records() {
        SolrQuery q = new SolrQuery("*:*");
        q.addFilterQuery(SolrQueries.term(IndexFields.TYPE, IndexFields.TYPE_DOC));
        return q;
    }

    /** Every record of {@code collection} (under {@code filter}), in id order, a page at a time after the last id seen. */
    private void page(String collection, String filter, String field, Consumer<SolrDocument> each) {
        String after = null;
        while (true) {
            SolrQuery q = records();
            if (filter != null) q.addFilterQuery(filter);
            if (after != null) q.addFilterQuery(IndexFields.DOC_ID + ":{" + ClientUtils.escapeQueryChars(after) + " TO *]");
            q.setSort(IndexFields.DOC_ID, SolrQuery.ORDER.asc);
            q.setRows(PAGE);
            q.setFields(IndexFields.DOC_ID + "," + field);
            List<SolrDocument> found = query(collection, q);
            found.forEach(each);
            if (found.size() < PAGE) return;
            after = SolrDocuments.string(found.getLast(), IndexFields.DOC_ID);
        }
    }

    private org.apache.solr.common.SolrDocumentList query(String collection, SolrQuery q) {
        try {
            return new QueryRequest(q, SolrRequest.METHOD.POST).process(client, collection).getResults();
        } catch (SolrServerException | IOException | SolrException e) {
            throw new UncheckedIOException(new IOException("Cannot read the SolrCloud collection " + collection + " ("
                    + SolrIndex.reason(e) + "); the rebuild resumes at the next start", e));
        }
    }
}
