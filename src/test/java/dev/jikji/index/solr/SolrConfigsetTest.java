package dev.jikji.index.solr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.index.IndexFilter;
import dev.jikji.index.JikjiAnalyzer;
import dev.jikji.index.LegQuery;
import dev.jikji.index.ProximityQuery;
import dev.jikji.index.TextTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The configset Jikji uploads and the filters it sends, without a cluster (SolrCloudIT runs them on one). */
class SolrConfigsetTest {

    @Test
    void theSchemaCarriesTheConfiguredAnalysisAndVectorsWithNoPlaceholderLeft() {
        SolrConfigset c = new SolrConfigset(JikjiAnalyzer.of("discard", List.of("VCP", "NNB")), 384, 16, 100);
        String schema = c.files().get("schema.xml");
        assertThat(schema).doesNotContainPattern("@@[A-Z_]+@@")
                .contains("decompoundMode=\"discard\"", "vectorDimension=\"384\"", "hnswMaxConnections=\"16\"",
                        "hnswBeamWidth=\"100\"", "userDictionary=\"userdict_ko.txt\"");
        assertThat(schema).containsPattern("tags=\"[A-Z,]*\\bNNB\\b[A-Z,]*\"").containsPattern("tags=\"[A-Z,]*\\bVCP\\b");
        assertThat(c.files().get("userdict_ko.txt")).isEqualTo(JikjiAnalyzer.of("discard").userDictionary()).isNotBlank();
        assertThat(c.files().get("stopwords_en.txt").lines()).contains("the", "and");
        assertThat(c.zip().length).isPositive();
    }

    @Test
    void synonymsGoInAnalysedTermsIntoBothAnalyzersOnlyWhenConfigured(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        JikjiAnalyzer plain = JikjiAnalyzer.of("discard", List.of("VCP", "NNB"));
        java.nio.file.Path file = dir.resolve("synonyms.txt");
        java.nio.file.Files.writeString(file, "# jargon\n재택근무는, 원격근무, WFH\n숨지다 => 사망\n");
        JikjiAnalyzer folded = plain.withSynonyms(dev.jikji.index.SearchSynonyms.read(file, plain));
        SolrConfigset c = new SolrConfigset(folded, 384, 16, 100);
        String schema = c.files().get("schema.xml");
        assertThat(schema).doesNotContainPattern("@@[A-Z_]+@@");
        assertThat(Pattern.compile("solr.SynonymGraphFilterFactory\" synonyms=\"synonyms_ko.txt\" expand=\"false\"")
                .matcher(schema).results().count()).isEqualTo(2);
        assertThat(schema).containsOnlyOnce("solr.FlattenGraphFilterFactory");
        // Solr reads the rules with a whitespace tokenizer: Jikji writes them in the terms its analysis makes
        assertThat(c.files().get("synonyms_ko.txt")).isEqualTo("재택 근무,원격 근무,wfh\n숨지 => 사망\n");
        SolrConfigset none = new SolrConfigset(plain, 384, 16, 100);
        assertThat(none.files()).doesNotContainKey("synonyms_ko.txt");
        assertThat(none.files().get("schema.xml")).doesNotContain("Synonym", "FlattenGraph");
        assertThat(new SolrConfigset(plain.withSynonyms(dev.jikji.index.SearchSynonyms.NONE), 384, 16, 100).name())
                .isEqualTo(none.name());
        assertThat(c.name()).isNotEqualTo(none.name());
    }

    @Test
    void aCompanysNounsGoAfterTheBundledOnesInTheConfigsetsUserDictionary(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        JikjiAnalyzer plain = JikjiAnalyzer.of("discard");
        java.nio.file.Path file = dir.resolve("nouns.txt");
        java.nio.file.Files.writeString(file, "가온누리\n");
        SolrConfigset own = new SolrConfigset(plain.withUserDictionary(file), 384, 16, 100);
        SolrConfigset none = new SolrConfigset(plain, 384, 16, 100);
        assertThat(own.files().get("userdict_ko.txt")).startsWith(none.files().get("userdict_ko.txt")).endsWith("가온누리\n");
        assertThat(own.name()).isNotEqualTo(none.name());
    }

    @Test
    void theNameChangesWithAnythingThatChangesTheIndexAndOnlyThen() {
        String base = new SolrConfigset(JikjiAnalyzer.of("discard"), 384, 16, 100).name();
        assertThat(new SolrConfigset(JikjiAnalyzer.of("discard"), 384, 16, 100).name()).isEqualTo(base);
        assertThat(base).matches("jikji-[0-9a-f]{12}");
        assertThat(new SolrConfigset(JikjiAnalyzer.of("mixed"), 384, 16, 100).name()).isNotEqualTo(base);
        assertThat(new SolrConfigset(JikjiAnalyzer.of("discard", List.of("NNB")), 384, 16, 100).name()).isNotEqualTo(base);
        assertThat(new SolrConfigset(JikjiAnalyzer.of("discard"), 768, 16, 100).name()).isNotEqualTo(base);
        assertThat(new SolrConfigset(JikjiAnalyzer.of("discard"), 384, 32, 100).name()).isNotEqualTo(base);
    }

    @Test
    void filtersNameEveryRestrictionAndSeparateIdsByANonWhitespaceCharacter() {
        List<String> fq = SolrQueries.filters(new IndexFilter(List.of("a/b c", "d"), Map.of("team", "it"), Set.of("hr")), "chunk");
        assertThat(fq).contains("{!term f=type}chunk", "{!term f=meta.team}it");
        String ids = fq.stream().filter(f -> f.startsWith("{!terms f=docId")).findFirst().orElseThrow();
        String separator = ids.substring(ids.indexOf("separator=") + "separator=".length(), ids.indexOf('}'));
        // Solr's local-parameter parser ends a value at whitespace as Java defines it
        assertThat(separator).hasSize(1);
        assertThat(Character.isWhitespace(separator.charAt(0))).isFalse();
        assertThat(ids).endsWith("a/b c" + separator + "d");
        assertThat(fq).anyMatch(f -> f.startsWith("(*:* -acl:[* TO *])") && f.contains("acl:hr"));
        assertThat(SolrQueries.filters(IndexFilter.NONE, "doc")).containsExactly("{!term f=type}doc");
    }

    @Test
    void proximityPhrasesAreTheEmbeddedPairsAtTheirGapsAndAreLeftOutWhenOff() {
        JikjiAnalyzer analyzer = JikjiAnalyzer.of("discard", List.of("VCP", "VCN", "NNB"));
        String question = "새 버전의 생성은 어느 서버가 맡나요?";
        LegQuery.Settings on = new LegQuery.Settings(0.5f, 0.5f, 0, 100, 1f, 8);
        String near = SolrQueries.proximity(analyzer, "contents", question, on);
        List<ProximityQuery.Pair> pairs = ProximityQuery.pairs(analyzer, question);
        assertThat(pairs).isNotEmpty().anyMatch(p -> p.gap() > 1); // a dropped particle leaves a gap
        assertThat(near).startsWith("{!lucene df=contents q.op=OR}");
        List<String> phrases = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"~8").matcher(near);
        while (m.find()) phrases.add(m.group(1));
        assertThat(phrases).hasSameSizeAs(pairs);
        for (int i = 0; i < pairs.size(); i++) {
            // what Solr's analysis of the phrase gives (the configset's chain is Jikji's): the pair, at its gap
            List<TextTerms.Token> t = ProximityQuery.analyse(analyzer, phrases.get(i));
            assertThat(t).extracting(TextTerms.Token::term).containsExactly(pairs.get(i).first(), pairs.get(i).second());
            assertThat(t.get(1).position() - t.get(0).position()).as(phrases.get(i)).isEqualTo(pairs.get(i).gap());
        }
        assertThat(SolrQueries.bm25(question, on, analyzer).get("q")).contains("should=$bp");
        assertThat(SolrQueries.documents(question, on, analyzer).get("q")).isEqualTo("{!bool must=$dc should=$dp}");

        LegQuery.Settings off = new LegQuery.Settings(0.5f, 0.5f, 0, 100, 0f, 8);
        assertThat(SolrQueries.proximity(analyzer, "contents", question, off)).isNull();
        assertThat(SolrQueries.bm25(question, off, analyzer).get("q")).doesNotContain("$bp");
        assertThat(SolrQueries.proximity(analyzer, "contents", "서버", on)).isNull();
    }
}
