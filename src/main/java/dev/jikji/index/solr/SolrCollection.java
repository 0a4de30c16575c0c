package dev.jikji.index.solr;

import dev.jikji.config.JikjiConfig;
import dev.jikji.index.IndexFields;
import dev.jikji.index.IndexMismatchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.response.ConfigSetAdminResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.ContentStreamBase;
import org.apache.solr.common.util.NamedList;
import org.jboss.logging.Logger;

/**
 * The configured collection name ({@code jikji.index.solr.collection}) as a Solr <em>collection alias</em> over
 * versioned collections {@code <name>_1}, {@code <name>_2}, ...: makes sure the collection it points at exists, was
 * made from this configuration's configset and holds vectors of the configured models. Creates {@code <name>_1}
 * and the alias when neither exists (uploading the configset first); a mismatched collection is refused with the
 * differences, or, with {@code on-model-mismatch=reindex}, a new version is created (or an interrupted one found
 * again) to be rebuilt from it, and the alias is switched only when that is done ({@link SolrReindexSource}).
 * A collection of the configured name itself (made before aliases) is served as it is and replaced the same way.
 * The model record is a document of its own ({@link SolrDocuments#MODEL_RECORD_ID}), the counterpart of the
 * embedded index's commit data. The server at start and {@code jikji solr} (the CLI) both come through here.
 */
public final class SolrCollection {

    private static final Logger LOG = Logger.getLogger(SolrCollection.class);

    private SolrCollection() {}

    /** Where the configured name leads after {@link #prepare}: the collection to serve, and the one to rebuild it from. */
    public record Placement(String serving, Optional<String> rebuildFrom) {}

    /** What the configured name points at now, for {@code jikji solr status}. */
    public record State(Optional<String> current, boolean alias, Optional<String> configset, List<String> mismatches,
            List<String> versions) {}

    public static Placement prepare(SolrClient client, String name, SolrConfigset configset, int shards, int replicas,
            Map<String, String> modelRecord, JikjiConfig.Index.ModelMismatch onMismatch)
            throws SolrServerException, IOException {
        Optional<String> current = current(client, name);
        if (current.isEmpty()) {
            String first = versionName(name, 1);
            createVersion(client, first, configset, shards, replicas, modelRecord);
            switchAlias(client, name, first);
            return new Placement(first, Optional.empty());
        }
        String serving = current.get();
        List<String> mismatches = mismatches(client, serving, configset, modelRecord);
        if (mismatches.isEmpty()) {
            if (client.getById(serving, SolrDocuments.MODEL_RECORD_ID) == null) writeModelRecord(client, serving, modelRecord);
            return new Placement(serving, Optional.empty());
        }
        if (onMismatch != JikjiConfig.Index.ModelMismatch.REINDEX) {
            throw new IndexMismatchException("The SolrCloud collection '" + serving + "' (behind '" + name + "') was built"
                    + " with other models or analysis than the ones configured; mixing them would silently corrupt search"
                    + " results. " + String.join("; ", mismatches) + ". Set jikji.index.on-model-mismatch=reindex to"
                    + " rebuild it into a new collection from the originals it stores (the alias '" + name + "' is"
                    + " switched when that is done), or restore the previous configuration.");
        }
        String target = rebuildTarget(client, name, serving, configset, shards, replicas, modelRecord);
        LOG.warnf("The SolrCloud collection %s was built with other models or analysis (%s). Rebuilding it into %s"
                + " (jikji.index.on-model-mismatch=reindex); searches through '%s' keep reading %s until then.",
                serving, String.join("; ", mismatches), target, name, serving);
        return new Placement(target, Optional.of(serving));
    }

    /** What {@code name} points at and whether it fits this configuration, changing nothing. */
    public static State state(SolrClient client, String name, SolrConfigset configset, Map<String, String> modelRecord)
            throws SolrServerException, IOException {
        Optional<String> current = current(client, name);
        List<String> versions = new ArrayList<>();
        for (String c : CollectionAdminRequest.listCollections(client)) {
            if (version(name, c).isPresent()) versions.add(c);
        }
        versions.sort(null);
        if (current.isEmpty()) return new State(current, false, Optional.empty(), List.of(), versions);
        return new State(current, aliases(client).containsKey(name), Optional.ofNullable(configName(client, current.get())),
                mismatches(client, current.get(), configset, modelRecord), versions);
    }

    /**
     * The collection {@code name} leads to: its alias's collection, else a collection of that name, else none.
     * An alias wins over a collection of the same name, as in Solr's own resolution of requests.
     */
    static Optional<String> current(SolrClient client, String name) throws SolrServerException, IOException {
        String aliased = aliases(client).get(name);
        if (aliased != null) return Optional.of(aliased);
        return CollectionAdminRequest.listCollections(client).contains(name) ? Optional.of(name) : Optional.empty();
    }

    static Map<String, String> aliases(SolrClient client) throws SolrServerException, IOException {
        return new CollectionAdminRequest.ListAliases().process(client).getAliases();
    }

    /** How {@code collection} differs from this configuration (configset, then each field of the model record). */
    static List<String> mismatches(SolrClient client, String collection, SolrConfigset configset,
            Map<String, String> modelRecord) throws SolrServerException, IOException {
        List<String> out = new ArrayList<>();
        String configName = configName(client, collection);
        if (!configset.name().equals(configName)) {
            out.add("configset: collection has [" + configName + "], configured is [" + configset.name() + "] (Nori mode"
                    + " or stop tags, the user dictionary, the vector dimension or the HNSW parameters differ)");
        }
        SolrDocument stored = client.getById(collection, SolrDocuments.MODEL_RECORD_ID);
        if (stored != null) {
            for (var e : modelRecord.entrySet()) {
                String before = SolrDocuments.string(stored, e.getKey());
                if (before != null && !before.equals(e.getValue())) {
                    out.add(e.getKey() + ": collection has [" + before + "], configured is [" + e.getValue() + "]");
                }
            }
        }
        return out;
    }

    /**
     * The version to rebuild into: one above {@code serving} made for this configuration by an interrupted rebuild
     * (resumed: what it holds already is re-ingested as unchanged), else a new one above every version there is.
     */
    private static String rebuildTarget(SolrClient client, String name, String serving, SolrConfigset configset,
            int shards, int replicas, Map<String, String> modelRecord) throws SolrServerException, IOException {
        int servingVersion = version(name, serving).orElse(0);
        int highest = servingVersion;
        String resume = null;
        List<String> collections = CollectionAdminRequest.listCollections(client);
        for (String c : collections) {
            OptionalInt v = version(name, c);
            if (v.isEmpty()) continue;
            highest = Math.max(highest, v.getAsInt());
            if (v.getAsInt() > servingVersion && mismatches(client, c, configset, modelRecord).isEmpty()
                    && (resume == null || v.getAsInt() > version(name, resume).getAsInt())) {
                resume = c;
            }
        }
        if (resume != null) {
            LOG.infof("Resuming the interrupted rebuild into %s", resume);
            if (client.getById(resume, SolrDocuments.MODEL_RECORD_ID) == null) writeModelRecord(client, resume, modelRecord);
            return resume;
        }
        String target = versionName(name, highest + 1);
        createVersion(client, target, configset, shards, replicas, modelRecord);
        return target;
    }

    static String versionName(String name, int version) {
        return name + "_" + version;
    }

    /** n of {@code <name>_<n>}; empty for any other collection (the claims one, {@code <name>} itself). */
    static OptionalInt version(String name, String collection) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "_(\\d{1,9})").matcher(collection);
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** Points {@code alias} at {@code collection}: one write to ZooKeeper, so every client sees the old or the new. */
    static void switchAlias(SolrClient client, String alias, String collection) throws SolrServerException, IOException {
        CollectionAdminRequest.createAlias(alias, collection).process(client);
        LOG.infof("SolrCloud alias %s now points at %s", alias, collection);
    }

    /** Uploads the configset unless the cluster has it already (its name is its version: same name, same files). */
    public static boolean uploadConfigset(SolrClient client, SolrConfigset configset) throws SolrServerException, IOException {
        ConfigSetAdminResponse.List sets = new ConfigSetAdminRequest.List().process(client);
        if (sets.getConfigSets().contains(configset.name())) return false;
        ContentStreamBase.ByteArrayStream zip = new ContentStreamBase.ByteArrayStream(configset.zip(),
                configset.name() + ".zip", "application/zip");
        new ConfigSetAdminRequest.Upload().setConfigSetName(configset.name()).setUploadStream(zip).process(client);
        LOG.infof("Uploaded configset %s", configset.name());
        return true;
    }

    private static void createVersion(SolrClient client, String collection, SolrConfigset configset, int shards,
            int replicas, Map<String, String> modelRecord) throws SolrServerException, IOException {
        create(client, collection, configset, shards, replicas);
        writeModelRecord(client, collection, modelRecord);
    }

    /** Creates {@code collection} from {@code configset} (uploaded first when missing); one made meanwhile by another replica is taken as is. */
    static void create(SolrClient client, String collection, SolrConfigset configset, int shards, int replicas)
            throws SolrServerException, IOException {
        uploadConfigset(client, configset);
        CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(collection, configset.name(),
                shards, replicas);
        create.setWaitForFinalState(true);
        try {
            create.process(client);
        } catch (SolrException e) {
            if (!CollectionAdminRequest.listCollections(client).contains(collection)) throw e;
            LOG.infof("SolrCloud collection %s was created meanwhile by another replica", collection);
            return;
        }
        LOG.infof("Created SolrCloud collection %s (%d shards x %d replicas, configset %s)", collection, shards, replicas,
                configset.name());
    }

    private static void writeModelRecord(SolrClient client, String collection, Map<String, String> record)
            throws SolrServerException, IOException {
        SolrInputDocument d = new SolrInputDocument();
        d.setField(SolrDocuments.ID, SolrDocuments.MODEL_RECORD_ID);
        d.setField(IndexFields.TYPE, SolrDocuments.TYPE_MODEL);
        record.forEach(d::setField);
        client.add(collection, d);
        client.commit(collection, true, true);
    }

    static String configName(SolrClient client, String collection) throws SolrServerException, IOException {
        Object node = CollectionAdminRequest.getClusterStatus().setCollectionName(collection).process(client).getResponse();
        for (String key : List.of("cluster", "collections", collection, "configName")) {
            if (node instanceof NamedList<?> l) node = l.get(key);
            else if (node instanceof Map<?, ?> m) node = m.get(key);
            else return null;
        }
        return node == null ? null : node.toString();
    }
}
