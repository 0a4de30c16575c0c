package dev.jikji.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProximityQueryTest {

    private final JikjiAnalyzer analyzer = JikjiAnalyzer.of("discard");

    @Test
    void aPassageKeepingTheQuestionsTermsTogetherOutranksOneWithThemScattered(@TempDir Path dir) throws Exception {
        // the same words in both passages (so bag-of-words BM25 cannot separate them, and the scattered
        // one is written first); only the "near" one keeps 농민 시위 and 지명 수배 side by side
        List<String> passages = List.of(
                "농민 단체가 여의도에서 집회를 주도했다. 시위 이후 경찰은 혐의 발표와 지명 절차를 미뤘고 수배 전단은 나중에 돌았다.",
                "여의도에서 농민 시위를 주도한 혐의로 지명수배되었다. 단체가 집회를 열었고 경찰은 발표와 절차를 미뤘다.");
        String question = "여의도 농민 시위를 주도한 혐의로 지명수배된 사람은?";
        try (Directory d = FSDirectory.open(dir)) {
            try (IndexWriter w = new IndexWriter(d, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < passages.size(); i++) {
                    Document doc = new Document();
                    doc.add(new StringField("id", "p" + i, Field.Store.YES));
                    doc.add(new TextField("contents", passages.get(i), Field.Store.NO));
                    w.addDocument(doc);
                }
            }
            try (DirectoryReader r = DirectoryReader.open(d)) {
                IndexSearcher s = new IndexSearcher(r);
                Query words = new QueryBuilder(analyzer).createBooleanQuery("contents", question, Occur.SHOULD);
                Query near = ProximityQuery.of(analyzer, "contents", question, 3);
                assertThat(near).isNotNull();
                Query both = new BooleanQuery.Builder().add(words, Occur.SHOULD).add(near, Occur.SHOULD).build();
                assertThat(top(s, both)).isEqualTo("p1");
                // the proximity clauses alone score the passage with the neighbours far above the scattered one
                ScoreDoc[] nearHits = s.search(near, 10).scoreDocs;
                assertThat(s.storedFields().document(nearHits[0].doc).get("id")).isEqualTo("p1");
                assertThat(nearHits.length == 1 || nearHits[1].score < nearHits[0].score / 3).isTrue();
            }
        }
    }

    @Test
    void aQuestionOfOneTermHasNoProximityClauses() {
        assertThat(ProximityQuery.of(analyzer, "contents", "지명수배", 3)).isNotNull(); // Nori splits the compound
        assertThat(ProximityQuery.of(analyzer, "contents", "시위", 3)).isNull();
        assertThat(ProximityQuery.of(analyzer, "contents", "시위 시위", 3)).isNull();
    }

    private static String top(IndexSearcher s, Query q) throws Exception {
        return s.storedFields().document(s.search(q, 1).scoreDocs[0].doc).get("id");
    }
}
