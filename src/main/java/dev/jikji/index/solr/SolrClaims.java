package dev.jikji.index.solr;

import dev.jikji.index.ClaimStore;
import dev.jikji.index.IndexMismatchException;
import dev.jikji.index.IndexWriteException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.ContentStreamBase;
import org.jboss.logging.Logger;

/**
 * {@link ClaimStore} as a small SolrCloud collection next to the index ({@code <collection>_claims}, one shard): a
 * claim is a document created with {@code _version_=-1}, Solr's optimistic concurrency "fail unless absent", which
 * the shard leader decides under its per-id lock, so of all replicas exactly one create succeeds and the others get
 * 409. The update log answers both that check and real-time get, so a claim holds from its acknowledgement on, no
 * commit needed. A claim past its {@code expires_at} is taken over by a conditional update on the version read;
 * Solr's {@code DocExpirationUpdateProcessorFactory} deletes expired claims every {@link #PURGE_EVERY}, so the
 * collection holds at most one time-to-live's worth of them.
 */
public final class SolrClaims implements ClaimStore {

    private static final Logger LOG = Logger.getLogger(SolrClaims.class);

    static final String EXPIRES = "expires_at";
    static final String VERSION = "_version_";
    /** How often Solr purges expired claims; five minutes is small against the two-hour event time-to-live. */
    public static final Duration PURGE_EVERY = Duration.ofMinutes(5);

    private final SolrClient client;
    private final String collection;

    private SolrClaims(SolrClient client, String collection) {
        this.client = client;
        this.collection = collection;
    }

    /** The claims collection's name for an index collection. */
    public static String collectionFor(String indexCollection) {
        return indexCollection + "_claims";
    }

    /**
     * Uses {@code collection}, creating it (and uploading its configset) when missing; refuses one made from another
     * configset. Replicas starting together may race to create it: the loser finds it made and uses it.
     */
    public static SolrClaims prepare(SolrClient client, String collection, int replicas, Duration purgeEvery)
            throws SolrServerException, IOException {
        SolrConfigset configset = SolrConfigset.claims();
        if (!CollectionAdminRequest.listCollections(client).contains(collection)) {
            try {
                create(client, collection, configset, replicas, purgeEvery);
            } catch (SolrException | SolrServerException | IOException e) {
                if (!CollectionAdminRequest.listCollections(client).contains(collection)) throw e;
                LOG.infof("Claims collection %s was created meanwhile (another replica starting)", collection);
            }
        }
        String configName = SolrCollection.configName(client, collection);
        if (!configset.name().equals(configName)) {
            throw new IndexMismatchException("The SolrCloud collection '" + collection + "' (Slack event ids and request"
                    + " signatures shared by the replicas) was made with configset [" + configName + "], this version"
                    + " needs [" + configset.name() + "]. It holds only claims that expire within hours: delete it"
                    + " (Collections API DELETE) and Jikji creates it again at its next start.");
        }
        return new SolrClaims(client, collection);
    }

    private static void create(SolrClient client, String collection, SolrConfigset configset, int replicas,
            Duration purgeEvery) throws SolrServerException, IOException {
        if (!new ConfigSetAdminRequest.List().process(client).getConfigSets().contains(configset.name())) {
            try {
                new ConfigSetAdminRequest.Upload().setConfigSetName(configset.name()).setUploadStream(
                        new ContentStreamBase.ByteArrayStream(configset.zip(), configset.name() + ".zip", "application/zip"))
                        .process(client);
            } catch (SolrException e) {
                // a replica starting at the same time uploaded it first
                if (!new ConfigSetAdminRequest.List().process(client).getConfigSets().contains(configset.name())) throw e;
            }
        }
        CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(collection, configset.name(), 1,
                Math.max(1, replicas));
        create.setProperties(Map.of("jikji.claims.purge.seconds", Long.toString(Math.max(1, purgeEvery.toSeconds()))));
        create.setWaitForFinalState(true);
        create.process(client);
        LOG.infof("Created SolrCloud collection %s (1 shard x %d replicas, configset %s) for claims shared by replicas",
                collection, Math.max(1, replicas), configset.name());
    }

    public String collection() {
        return collection;
    }

    @Override
    public boolean claim(String key, Instant now, Duration ttl) {
        try {
            if (write(key, -1, now.plus(ttl))) return true;
            // taken: ours only if that claim has expired and nobody took it over before us
            ModifiableSolrParams fl = new ModifiableSolrParams().set("fl", SolrDocuments.ID + "," + EXPIRES + "," + VERSION);
            SolrDocument held = client.getById(collection, key, fl);
            if (held == null) return write(key, -1, now.plus(ttl)); // purged in between
            Object expires = held.getFieldValue(EXPIRES);
            if (expires instanceof Date d && d.toInstant().isAfter(now)) return false;
            Object version = held.getFieldValue(VERSION);
            if (!(version instanceof Number v)) return false;
            return write(key, v.longValue(), now.plus(ttl));
        } catch (SolrServerException | IOException | SolrException e) {
            LOG.errorf("Claims collection %s could not be asked: %s", collection, e.getMessage());
            throw new IndexWriteException(IndexWriteException.Cause.UNAVAILABLE, e);
        }
    }

    /** Writes the claim if the stored version is {@code version} (-1: none); false on Solr's 409. */
    private boolean write(String key, long version, Instant expires) throws SolrServerException, IOException {
        SolrInputDocument d = new SolrInputDocument();
        d.setField(SolrDocuments.ID, key);
        d.setField(EXPIRES, Date.from(expires));
        d.setField(VERSION, version);
        try {
            client.add(collection, d);
            return true;
        } catch (SolrException e) {
            if (conflict(e)) return false;
            throw e;
        }
    }

    /** Solr's 409, directly or inside the cloud client's per-route exception. */
    static boolean conflict(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SolrException s && s.code() == SolrException.ErrorCode.CONFLICT.code) return true;
            if (c instanceof CloudSolrClient.RouteException r) {
                for (var e : r.getThrowables()) if (conflict(e.getValue())) return true;
            }
        }
        return false;
    }
}
