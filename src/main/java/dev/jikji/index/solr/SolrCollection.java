package dev.jikji.index.solr;

import dev.jikji.index.IndexFields;
import dev.jikji.index.IndexMismatchException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.client.solrj.response.ConfigSetAdminResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.ContentStreamBase;
import org.apache.solr.common.util.NamedList;
import org.jboss.logging.Logger;

/**
 * Makes sure the collection exists, was made from this configuration's configset, and holds vectors of the
 * configured models: creates it (uploading the configset first) when missing, refuses it with the differences
 * otherwise. The model record is a document of its own ({@link SolrDocuments#MODEL_RECORD_ID}), the counterpart
 * of the embedded index's commit data.
 */
final class SolrCollection {

    private static final Logger LOG = Logger.getLogger(SolrCollection.class);

    private SolrCollection() {}

    static void prepare(SolrClient client, String collection, SolrConfigset configset, int shards, int replicas,
            Map<String, String> modelRecord) throws SolrServerException, IOException {
        if (!CollectionAdminRequest.listCollections(client).contains(collection)) {
            create(client, collection, configset, shards, replicas);
            writeModelRecord(client, collection, modelRecord);
            return;
        }
        String configName = configName(client, collection);
        if (!configset.name().equals(configName)) {
            throw new IndexMismatchException("The SolrCloud collection '" + collection + "' was made with configset ["
                    + configName + "], this configuration needs [" + configset.name() + "]: Nori mode or stop tags, the"
                    + " user dictionary, the vector dimension or the HNSW parameters differ, and mixing them would"
                    + " silently corrupt search results. Point jikji.index.solr.collection at a new collection and"
                    + " re-ingest, or restore the previous configuration.");
        }
        SolrDocument stored = client.getById(collection, SolrDocuments.MODEL_RECORD_ID);
        if (stored == null) {
            writeModelRecord(client, collection, modelRecord);
            return;
        }
        List<String> mismatches = new ArrayList<>();
        for (var e : modelRecord.entrySet()) {
            String before = SolrDocuments.string(stored, e.getKey());
            if (before != null && !before.equals(e.getValue())) {
                mismatches.add(e.getKey() + ": collection has [" + before + "], configured is [" + e.getValue() + "]");
            }
        }
        if (!mismatches.isEmpty()) {
            throw new IndexMismatchException("The SolrCloud collection '" + collection + "' was built with other models"
                    + " or analysis than the ones configured; mixing them would silently corrupt search results. "
                    + String.join("; ", mismatches) + ". Point jikji.index.solr.collection at a new collection and"
                    + " re-ingest, or restore the previous configuration.");
        }
    }

    private static void create(SolrClient client, String collection, SolrConfigset configset, int shards, int replicas)
            throws SolrServerException, IOException {
        ConfigSetAdminResponse.List sets = new ConfigSetAdminRequest.List().process(client);
        if (!sets.getConfigSets().contains(configset.name())) {
            ContentStreamBase.ByteArrayStream zip = new ContentStreamBase.ByteArrayStream(configset.zip(),
                    configset.name() + ".zip", "application/zip");
            new ConfigSetAdminRequest.Upload().setConfigSetName(configset.name()).setUploadStream(zip).process(client);
            LOG.infof("Uploaded configset %s", configset.name());
        }
        CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(collection, configset.name(),
                shards, replicas);
        create.setWaitForFinalState(true);
        create.process(client);
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
