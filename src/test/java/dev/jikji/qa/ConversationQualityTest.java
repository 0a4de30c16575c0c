package dev.jikji.qa;

import io.quarkus.test.junit.TestProfile;
import dev.jikji.api.CorpusOnlyProfile;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.api.CorpusFixture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The follow-up set through the real service, turn by turn as a client holds a conversation: each turn is asked
 * with the earlier turns and the answers the service really gave as {@code history}. For every later turn it
 * measures retrieval of the question searched with history ({@code standaloneQuestion}, searched as /ask does)
 * and of the bare question without it, and whether the answer cites the expected document. Fails if history
 * ever makes a self-contained turn worse, or fails to make the follow-ups better overall.
 * Run alone: {@code bin/test -Dtest=ConversationQualityTest}.
 */
@QuarkusTest
@TestProfile(CorpusOnlyProfile.class)
@Tag("quarkus")
class ConversationQualityTest {

    record Row(String id, String language, boolean selfContained, String question, String standalone,
            int rankWith, int rankWithout, boolean citedWith, boolean citedWithout) {}

    @Test
    void historyHelpsFollowUpsAndNeverHurtsSelfContainedQuestions() throws Exception {
        CorpusFixture.ingest();
        List<Conversations.Conversation> set = Conversations.load();
        assertThat(set).hasSizeGreaterThanOrEqualTo(30);
        List<Row> rows = new ArrayList<>();
        for (Conversations.Conversation c : set) {
            List<Map<String, String>> history = new ArrayList<>();
            for (int i = 0; i < c.turns().size(); i++) {
                Conversations.Turn t = c.turns().get(i);
                Map<String, Object> body = new HashMap<>(Map.of("question", t.question()));
                if (!history.isEmpty()) body.put("history", history);
                JsonPath with = ask(body);
                if (i > 0) {
                    String standalone = with.getString("standaloneQuestion");
                    assertThat(standalone).as(c.id()).isNotBlank();
                    JsonPath without = ask(Map.of("question", t.question()));
                    rows.add(new Row(c.id(), c.language(), t.selfContained(), t.question(), standalone,
                            rank(standalone, t.documentId()), rank(t.question(), t.documentId()),
                            cites(with, t.documentId()), cites(without, t.documentId())));
                }
                history.add(Map.of("question", t.question(), "answer", with.getString("answer")));
            }
        }
        System.out.println(report(rows));

        List<Row> selfContained = rows.stream().filter(Row::selfContained).toList();
        List<Row> followUps = rows.stream().filter(r -> !r.selfContained()).toList();
        assertThat(selfContained).hasSizeGreaterThanOrEqualTo(5);
        for (Row r : selfContained) {
            assertThat(r.rankWith() == 0 ? 99 : r.rankWith()).as("self-contained %s: %s → %s", r.id(), r.question(), r.standalone())
                    .isLessThanOrEqualTo(r.rankWithout() == 0 ? 99 : r.rankWithout());
        }
        assertThat(recall(rows, 1, true)).as(report(rows)).isGreaterThan(recall(rows, 1, false));
        assertThat(recall(rows, 5, true)).as(report(rows)).isGreaterThan(recall(rows, 5, false));
        // floors a little under the figures in README (the shared test index moves them slightly)
        assertThat(recall(followUps, 5, true)).as(report(rows)).isGreaterThanOrEqualTo(0.85);
        assertThat(recall(followUps, 1, true)).as(report(rows)).isGreaterThanOrEqualTo(0.7);
    }

    static JsonPath ask(Map<String, ?> body) {
        return given().contentType("application/json").body(body).when().post("/api/v1/ask")
                .then().statusCode(200).extract().jsonPath();
    }

    /** 1-based rank of the first top-5 hit from {@code documentId}, 0 when none: the retrieval /ask does for this text. */
    static int rank(String query, String documentId) {
        List<String> docs = given().contentType("application/json").body(Map.of("query", query, "topK", 5))
                .when().post("/api/v1/search").then().statusCode(200).extract().jsonPath().getList("hits.documentId");
        int i = docs.indexOf(documentId);
        return i < 0 ? 0 : i + 1;
    }

    static boolean cites(JsonPath answer, String documentId) {
        return !answer.getBoolean("abstained") && answer.getList("citations.documentId").contains(documentId);
    }

    static double recall(List<Row> rows, int k, boolean withHistory) {
        if (rows.isEmpty()) return 0;
        return rows.stream().filter(r -> {
            int rank = withHistory ? r.rankWith() : r.rankWithout();
            return rank > 0 && rank <= k;
        }).count() / (double) rows.size();
    }

    static double cited(List<Row> rows, boolean withHistory) {
        if (rows.isEmpty()) return 0;
        return rows.stream().filter(r -> withHistory ? r.citedWith() : r.citedWithout()).count() / (double) rows.size();
    }

    static String report(List<Row> rows) {
        StringBuilder b = new StringBuilder("\n| later turns | n | R@1 without | R@1 with | R@5 without | R@5 with | cited without | cited with |\n|---|---|---|---|---|---|---|---|\n");
        Map<String, List<Row>> groups = new java.util.LinkedHashMap<>();
        groups.put("all", rows);
        groups.put("follow-ups (depend on history)", rows.stream().filter(r -> !r.selfContained()).toList());
        groups.put("self-contained", rows.stream().filter(Row::selfContained).toList());
        groups.put("Korean", rows.stream().filter(r -> r.language().equals("ko")).toList());
        groups.put("English", rows.stream().filter(r -> r.language().equals("en")).toList());
        groups.forEach((name, g) -> b.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                name, g.size(), recall(g, 1, false), recall(g, 1, true), recall(g, 5, false), recall(g, 5, true),
                cited(g, false), cited(g, true))));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%s%s rank %d→%d cited %s→%s | %s → %s%n", r.id(), r.selfContained() ? " (self-contained)" : "",
                    r.rankWithout(), r.rankWith(), r.citedWithout(), r.citedWith(), r.question(), r.standalone()));
        }
        return b.toString();
    }
}
