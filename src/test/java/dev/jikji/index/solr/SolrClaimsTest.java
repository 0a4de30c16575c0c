package dev.jikji.index.solr;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.solr.client.solrj.impl.BaseHttpSolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.NamedList;
import org.junit.jupiter.api.Test;

/** What a real cluster does with claims is SolrReplicasIT's; here, how its answers are read and its configset made. */
class SolrClaimsTest {

    @Test
    void aConflictIsRecognisedDirectlyOrInsideTheCloudClientsRouteExceptionAndNothingElseIs() {
        SolrException conflict = new BaseHttpSolrClient.RemoteSolrException("http://n1/solr", 409, "version conflict", null);
        SolrException broken = new BaseHttpSolrClient.RemoteSolrException("http://n1/solr", 500, "server error", null);
        assertThat(SolrClaims.conflict(conflict)).isTrue();
        assertThat(SolrClaims.conflict(broken)).isFalse();

        NamedList<Throwable> routed = new NamedList<>();
        routed.add("http://n1/solr/claims_shard1_replica_n1", conflict);
        assertThat(SolrClaims.conflict(new CloudSolrClient.RouteException(SolrException.ErrorCode.SERVER_ERROR, routed, java.util.Map.of())))
                .isTrue();
        NamedList<Throwable> failed = new NamedList<>();
        failed.add("http://n1/solr/claims_shard1_replica_n1", broken);
        assertThat(SolrClaims.conflict(new CloudSolrClient.RouteException(SolrException.ErrorCode.SERVER_ERROR, failed, java.util.Map.of())))
                .isFalse();
        assertThat(SolrClaims.conflict(new IllegalStateException("wrapped", conflict))).isTrue();
    }

    @Test
    void theClaimsConfigsetIsVersionedAndExpiresOnTheFieldClaimsWrite() {
        SolrConfigset claims = SolrConfigset.claims();
        assertThat(claims.name()).startsWith("jikji-claims-").hasSize("jikji-claims-".length() + 12)
                .isEqualTo(SolrConfigset.claims().name());
        assertThat(claims.files()).containsOnlyKeys("schema.xml", "solrconfig.xml");
        assertThat(claims.files().get("schema.xml")).contains("name=\"" + SolrClaims.EXPIRES + "\"")
                .contains("name=\"" + SolrClaims.VERSION + "\"");
        assertThat(claims.files().get("solrconfig.xml")).contains("DocExpirationUpdateProcessorFactory")
                .contains("<str name=\"expirationFieldName\">" + SolrClaims.EXPIRES + "</str>")
                .contains("${jikji.claims.purge.seconds:");
        assertThat(SolrClaims.collectionFor("jikji")).isEqualTo("jikji_claims");
    }
}
