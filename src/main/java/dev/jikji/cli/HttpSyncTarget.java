package dev.jikji.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Syncs through a running server's HTTP API. */
final class HttpSyncTarget implements SyncTarget {

    private final JikjiClient client;

    HttpSyncTarget(JikjiClient client) {
        this.client = client;
    }

    @Override
    public Map<String, String> hashes(String prefix) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode d : client.listDocuments(prefix)) {
            JsonNode sha = d.path("metadata").path(IngestCommand.SHA_KEY);
            out.put(d.get("id").asText(), sha.isTextual() ? sha.asText() : "");
        }
        return out;
    }

    @Override
    public Sent send(Path file, String id, Map<String, String> metadata, java.util.List<String> acl) throws Exception {
        try {
            JsonNode result = client.upload(file, id, id, metadata, acl).get("results").get(0);
            String status = result.get("status").asText();
            return status.equals("failed") ? new Sent(status, null, result.path("error").path("detail").asText())
                    : new Sent(status, result.path("chunks").asInt(), null);
        } catch (JikjiClient.ApiException e) {
            boolean documentRefused = e.status == 403 && "acl".equals(e.field); // this file's ACL, not the key's role
            if (e.status >= 500 || e.status == 401 || (e.status == 403 && !documentRefused)) throw e;
            return new Sent("failed", null, e.getMessage());
        }
    }

    @Override
    public void delete(String id) throws Exception {
        client.delete(id);
    }
}
