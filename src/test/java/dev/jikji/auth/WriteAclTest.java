package dev.jikji.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ACLs on write, over real HTTP with keys: writer (staff), hr-writer (hr), loader (no groups), admin (*), reader
 * (staff, read only), hr-reader. Each case of issue 11: an upsert without acl keeps it (JSON, multipart, CLI),
 * writes and deletes are scoped by the stored and the new ACL, and a refused writer learns nothing of the content.
 */
@QuarkusTest
@Tag("quarkus")
@TestProfile(AccessApiTest.AuthProfile.class)
class WriteAclTest {

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL server;

    /**
     * Its documents leave the index again: AccessApiTest shares this profile's server and counts what each key may
     * list (the hr reader's total equals the reader's; the admin's is one more), which the hr-only and staff-only
     * documents left here would break whenever this class ran first.
     */
    @AfterEach
    void removeDocuments() {
        for (String prefix : List.of("acl", "walrus-wiki/")) {
            List<String> ids = as(AuthTestKeys.ADMIN).queryParam("prefix", prefix).queryParam("limit", 1000)
                    .get("/api/v1/documents").then().statusCode(200).extract().jsonPath().getList("documents.id", String.class);
            for (String id : ids) as(AuthTestKeys.ADMIN).delete("/api/v1/documents/" + id).then().statusCode(200);
        }
    }

    private static RequestSpecification as(String key) {
        return AccessApiTest.as(key);
    }

    private static Response post(String key, Object body) {
        return as(key).contentType("application/json").body(body).post("/api/v1/documents");
    }

    private static Map<String, Object> doc(String id, String text, List<String> acl) {
        return acl == null ? Map.of("id", id, "text", text) : Map.of("id", id, "text", text, "acl", acl);
    }

    private static List<String> aclOf(String id) {
        return as(AuthTestKeys.ADMIN).get("/api/v1/documents/" + id).then().statusCode(200).extract().jsonPath().getList("acl");
    }

    private static String hashOf(String id) {
        return as(AuthTestKeys.ADMIN).get("/api/v1/documents/" + id).then().statusCode(200).extract().path("hash");
    }

    @Test
    void anUpsertWithoutAclKeepsTheStoredOne() {
        post(AuthTestKeys.ADMIN, doc("acl/keep-json", "The hr budget for the walrus project.", List.of("hr")))
                .then().statusCode(200);
        Response r = post(AuthTestKeys.HR_WRITER, doc("acl/keep-json", "The hr budget for the walrus project, revised.", null));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.<String>path("results[0].status")).isEqualTo("updated");
        assertThat(aclOf("acl/keep-json")).containsExactly("hr");
        as(AuthTestKeys.READER).get("/api/v1/documents/acl/keep-json").then().statusCode(404);
        // re-sending the same content without acl is unchanged: the kept ACL is part of the same content
        assertThat(post(AuthTestKeys.HR_WRITER, doc("acl/keep-json", "The hr budget for the walrus project, revised.", null))
                .<String>path("results[0].status")).isEqualTo("unchanged");
    }

    @Test
    void multipartKeepsTheAclWithoutTheFieldAndSetsItWithIt() {
        byte[] file = "# Walrus\n\nThe walrus feeding plan is confidential.".getBytes();
        Response set = as(AuthTestKeys.HR_WRITER).multiPart("file", "acl-walrus.md", file, "text/markdown").multiPart("acl", "hr")
                .post("/api/v1/documents");
        assertThat(set.statusCode()).as(set.asString()).isEqualTo(200);
        assertThat(aclOf("acl-walrus.md")).containsExactly("hr");
        byte[] changed = "# Walrus\n\nThe walrus feeding plan is confidential and changed.".getBytes();
        as(AuthTestKeys.HR_WRITER).multiPart("file", "acl-walrus.md", changed, "text/markdown").post("/api/v1/documents")
                .then().statusCode(200);
        assertThat(aclOf("acl-walrus.md")).containsExactly("hr");
        as(AuthTestKeys.READER).get("/api/v1/documents/acl-walrus.md").then().statusCode(404);
        // a JSON array works as the field too
        as(AuthTestKeys.HR_WRITER).multiPart("file", "acl-walrus.md", changed, "text/markdown").multiPart("acl", "[\"hr\",\"exec\"]")
                .post("/api/v1/documents").then().statusCode(200);
        assertThat(aclOf("acl-walrus.md")).containsExactlyInAnyOrder("hr", "exec");
    }

    @Test
    void aWriterOutsideTheAclCannotChangeItAndLearnsNothingFromTrying() {
        String text = "Secret walrus salaries: 99 fish a day.";
        post(AuthTestKeys.ADMIN, doc("acl/hr-only", text, List.of("hr"))).then().statusCode(200);
        String before = hashOf("acl/hr-only");
        Response same = post(AuthTestKeys.WRITER, doc("acl/hr-only", text, null));
        Response different = post(AuthTestKeys.WRITER, doc("acl/hr-only", "A guess at the content.", null));
        Response takeOver = post(AuthTestKeys.WRITER, doc("acl/hr-only", text, List.of("staff")));
        Response noGroups = post(AuthTestKeys.LOADER, doc("acl/hr-only", text, List.of()));
        for (Response r : List.of(same, different, takeOver, noGroups)) {
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.<String>path("field")).isEqualTo("acl");
        }
        // identical answers whatever the guess: no unchanged/updated oracle
        assertThat(same.asString()).isEqualTo(different.asString()).isEqualTo(takeOver.asString());
        assertThat(hashOf("acl/hr-only")).isEqualTo(before);
        assertThat(aclOf("acl/hr-only")).containsExactly("hr");
    }

    @Test
    void deletingADocumentOneMayNotSeeIsAnsweredAsAMissingOne() {
        post(AuthTestKeys.ADMIN, doc("acl/del-hr", "Walrus exit interviews.", List.of("hr"))).then().statusCode(200);
        Response hidden = as(AuthTestKeys.WRITER).delete("/api/v1/documents/acl/del-hr");
        Response missing = as(AuthTestKeys.WRITER).delete("/api/v1/documents/acl/del-nothing");
        Response loader = as(AuthTestKeys.LOADER).delete("/api/v1/documents/acl/del-hr");
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(loader.statusCode()).isEqualTo(404);
        assertThat(hidden.asString().replace("del-hr", "X")).isEqualTo(missing.asString().replace("del-nothing", "X"));
        assertThat(aclOf("acl/del-hr")).containsExactly("hr");
        as(AuthTestKeys.HR_WRITER).delete("/api/v1/documents/acl/del-hr").then().statusCode(200);
        as(AuthTestKeys.ADMIN).get("/api/v1/documents/acl/del-hr").then().statusCode(404);
    }

    @Test
    void aWriterCreatesOnlyWithinItsGroupsAndLiftsRestrictionsOnlyExplicitly() {
        Response foreign = post(AuthTestKeys.WRITER, doc("acl/new-hr", "Walrus promotions.", List.of("hr")));
        assertThat(foreign.statusCode()).as(foreign.asString()).isEqualTo(403);
        as(AuthTestKeys.ADMIN).get("/api/v1/documents/acl/new-hr").then().statusCode(404);
        post(AuthTestKeys.WRITER, doc("acl/staff-doc", "Walrus canteen menu for staff.", List.of("staff", "hr"))).then().statusCode(200);
        // public documents are writable by any writer, including one without groups
        post(AuthTestKeys.LOADER, doc("acl/public-doc", "Walrus open day.", null)).then().statusCode(200);
        post(AuthTestKeys.WRITER, doc("acl/public-doc", "Walrus open day, moved.", null)).then().statusCode(200);
        // lifting the restriction: an explicit empty acl from a member
        as(AuthTestKeys.hrKey()).get("/api/v1/documents/acl/staff-doc").then().statusCode(200);
        post(AuthTestKeys.WRITER, doc("acl/staff-doc2", "Walrus rota.", List.of("staff"))).then().statusCode(200);
        as(AuthTestKeys.hrKey()).get("/api/v1/documents/acl/staff-doc2").then().statusCode(404);
        Response lift = post(AuthTestKeys.WRITER, doc("acl/staff-doc2", "Walrus rota.", List.of()));
        assertThat(lift.<String>path("results[0].status")).isEqualTo("updated");
        assertThat(aclOf("acl/staff-doc2")).isEmpty();
        as(AuthTestKeys.hrKey()).get("/api/v1/documents/acl/staff-doc2").then().statusCode(200);
    }

    @Test
    void inABatchARefusedDocumentFailsAlone() {
        post(AuthTestKeys.ADMIN, doc("acl/batch-hr", "Walrus medical notes.", List.of("hr"))).then().statusCode(200);
        Response r = post(AuthTestKeys.WRITER, List.of(doc("acl/batch-ok", "Walrus toys.", null),
                doc("acl/batch-hr", "Overwritten.", null)));
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.<String>path("results[0].status")).isIn("created", "unchanged");
        assertThat(r.<String>path("results[1].status")).isEqualTo("failed");
        assertThat(r.<String>path("results[1].error.field")).isEqualTo("acl");
        assertThat(r.<Integer>path("failed")).isEqualTo(1);
    }

    @Test
    void theCliSetsAclsPerFolderAndKeepsThemWhenNoneIsGiven(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("walrus-wiki");
        Files.createDirectories(root.resolve("hr"));
        Files.writeString(root.resolve("general.md"), "# General\n\nThe walrus pool opens at nine.");
        Files.writeString(root.resolve("hr/pay.md"), "# Pay\n\nWalrus keepers are paid monthly.");
        String[] run = cli("ingest", root.toString(), "--acl", "staff", "--acl-for", "hr/**=hr,exec",
                "--server", server.toString(), "--api-key", AuthTestKeys.ADMIN);
        assertThat(run[0]).as(run[1] + run[2]).isEqualTo("0");
        assertThat(aclOf("walrus-wiki/general.md")).containsExactly("staff");
        assertThat(aclOf("walrus-wiki/hr/pay.md")).containsExactlyInAnyOrder("hr", "exec");
        // the same files again with the same ACLs: nothing to send
        String[] again = cli("ingest", root.toString(), "--acl", "staff", "--acl-for", "hr/**=hr,exec", "--json",
                "--server", server.toString(), "--api-key", AuthTestKeys.ADMIN);
        assertThat(again[1]).contains("\"unchanged\" : 2");
        // a run without --acl keeps what the documents have
        Files.writeString(root.resolve("hr/pay.md"), "# Pay\n\nWalrus keepers are paid monthly, on the 25th.");
        String[] plain = cli("ingest", root.toString(), "--server", server.toString(), "--api-key", AuthTestKeys.ADMIN);
        assertThat(plain[0]).as(plain[1] + plain[2]).isEqualTo("0");
        assertThat(aclOf("walrus-wiki/hr/pay.md")).containsExactlyInAnyOrder("hr", "exec");
        as(AuthTestKeys.READER).get("/api/v1/documents/walrus-wiki/hr/pay.md").then().statusCode(404);
        // a staff writer's sync cannot reach the hr folder's documents
        Files.writeString(root.resolve("hr/pay.md"), "# Pay\n\nOverwritten by staff.");
        String[] staff = cli("ingest", root.toString(), "--server", server.toString(), "--api-key", AuthTestKeys.WRITER);
        assertThat(staff[0]).isEqualTo(Integer.toString(dev.jikji.cli.JikjiCli.EXIT_FAILURES));
        assertThat(staff[1]).contains("may not write document 'walrus-wiki/hr/pay.md'");
    }

    private static String[] cli(String... args) {
        return AccessApiTest.cli(args);
    }
}
