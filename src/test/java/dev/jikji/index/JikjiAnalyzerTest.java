package dev.jikji.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JikjiAnalyzerTest {

    private final JikjiAnalyzer analyzer = JikjiAnalyzer.of("discard");

    /** The shipped Korean analysis (Nori discard, copulas and bound nouns dropped), before any company file. */
    static final JikjiAnalyzer SHIPPED = JikjiAnalyzer.of("discard", List.of("VCP", "VCN", "NNB"));

    /** {@code text} written to a file in {@code dir}, named by {@code prefix} and the text's hash. */
    static Path file(Path dir, String prefix, String text) throws IOException {
        Path file = dir.resolve(prefix + "-" + Math.abs(text.hashCode()) + ".txt");
        java.nio.file.Files.writeString(file, text);
        return file;
    }

    static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("contents", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private List<String> terms(String text) {
        return terms(analyzer, text);
    }

    @Test
    void koreanWordWithParticleSharesTheTermOfTheBareNoun() {
        assertThat(terms("생성")).containsExactly("생성");
        assertThat(terms("생성은")).containsExactly("생성");
        assertThat(terms("생성을")).containsExactly("생성");
        assertThat(terms("생성에서")).containsExactly("생성");
    }

    @Test
    void particlesAndEndingsAreDropped() {
        assertThat(terms("검색을 문서에서 모델이")).containsExactly("검색", "문서", "모델");
        assertThat(terms("색인은 디스크에 있다")).doesNotContain("은", "에", "다").contains("색인", "디스크");
    }

    @Test
    void englishPluralsAndCaseShareATerm() {
        assertThat(terms("Transformers")).containsExactly("transformer");
        assertThat(terms("transformer")).containsExactly("transformer");
        assertThat(terms("TRANSFORMER")).containsExactly("transformer");
        assertThat(terms("indexes")).isEqualTo(terms("index"));
    }

    @Test
    void englishStopWordsAreDropped() {
        assertThat(terms("The index of the documents is on a disk")).containsExactly("index", "document", "disk");
        assertThat(terms("It is this and that, not these")).isEmpty();
        // Nori splits at the apostrophe, so the possessive never reaches the possessive filter whole;
        // what matters is that the name itself is a plain term
        assertThat(terms("Lucene's analyzers")).contains("lucene", "analyzer").doesNotContain("lucene's");
    }

    @Test
    void mixedKoreanEnglishQueryMeetsItsPartsWrittenAlone() {
        List<String> expected = new ArrayList<>(terms("RAG"));
        expected.addAll(terms("chunk"));
        expected.addAll(terms("크기"));
        assertThat(expected).startsWith("rag", "chunk");
        assertThat(terms("RAG에서 chunk 크기는?")).isEqualTo(expected);
        assertThat(terms("Transformers의 생성은 빠르다")).contains("transformer", "생성").doesNotContain("의", "은");
    }

    @Test
    void generationWithParticlesInSentencesKeepsTheNoun() {
        // the case that motivated the user dictionary: Nori alone reads 생성은 as 생/XR + 성/XSN + 은/JX
        for (String sentence : List.of("텍스트 생성은 언어 모델의 핵심 기능이다.", "답변 생성을 빠르게 한다.",
                "생성과 검색을 함께 쓴다.", "문서 생성이 끝났다.")) {
            assertThat(terms(sentence)).as(sentence).contains("생성").doesNotContain("생");
        }
    }

    @Test
    void everyUserDictionaryNounIsOneTermWithOrWithoutParticles() throws IOException {
        List<String> nouns;
        try (var in = JikjiAnalyzer.class.getResourceAsStream(NoriUserDictionary.RESOURCE)) {
            assertThat(in).as("bundled user dictionary").isNotNull();
            nouns = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
        assertThat(nouns).contains("생성");
        for (String noun : nouns) {
            assertThat(terms(noun)).as(noun).containsExactly(noun);
            boolean batchim = (noun.charAt(noun.length() - 1) - 0xAC00) % 28 != 0;
            for (String particle : List.of(batchim ? "은" : "는", batchim ? "을" : "를", batchim ? "이" : "가", "에서", "의", "도")) {
                for (String context : List.of("%s", "텍스트 %s 언어", "이 %s 중요하다.", "모델의 %s 확인한다.")) {
                    String text = context.formatted(noun + particle);
                    assertThat(terms(text)).as(text).contains(noun);
                }
            }
        }
    }

    @Test
    void userDictionaryDoesNotSwallowNeighbouringWords() {
        assertThat(terms("품질의 차이")).containsExactly("품질", "차이");
        assertThat(terms("생성형 모델")).contains("생성", "모델");
        assertThat(terms("정확도를 높인다")).contains("정확도");
    }

    @Test
    void koreanTermsAreExactlyWhatNoriMakesWithoutTheEnglishChain() {
        Analyzer noriOnly = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                KoreanTokenizer tokenizer = new KoreanTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, NoriUserDictionary.BUNDLED.dictionary(),
                        KoreanTokenizer.DecompoundMode.DISCARD, false, true);
                TokenStream s = new KoreanReadingFormFilter(new KoreanPartOfSpeechStopFilter(tokenizer));
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(s));
            }
        };
        String korean = "임베딩 모델들은 문장을 벡터로 바꾸고, 검색기는 가까운 벡터들을 찾아 순위를 매긴다. 생성은 학교에서 배웠습니다.";
        assertThat(terms(korean)).isNotEmpty().isEqualTo(terms(noriOnly, korean));
        // Hangul tokens stay untouched even inside mixed text, while Latin ones are stemmed
        String mixed = "Transformers 모델들은 documents를 읽는다";
        List<String> hangulOnly = terms(noriOnly, mixed).stream().filter(JikjiAnalyzerTest::hasHangul).toList();
        assertThat(terms(mixed).stream().filter(JikjiAnalyzerTest::hasHangul).toList()).isNotEmpty().isEqualTo(hangulOnly);
        assertThat(terms(mixed)).contains("transformer", "document").doesNotContain("transformers", "documents");
    }

    @Test
    void fingerprintNamesTheDecompoundModeAndTheUserDictionary() {
        assertThat(JikjiAnalyzer.of("discard").fingerprint()).contains("discard").contains(NoriUserDictionary.BUNDLED.fingerprint());
        assertThat(NoriUserDictionary.BUNDLED.fingerprint()).matches("[0-9a-f]{8}");
        assertThat(JikjiAnalyzer.of("MIXED").fingerprint()).isNotEqualTo(JikjiAnalyzer.of("discard").fingerprint());
    }

    @Test
    void queryForBareNounFindsDocumentWithParticleInAnIndexOnDisk(@TempDir Path dir) throws IOException {
        try (Directory directory = FSDirectory.open(dir)) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                writer.addDocument(doc("gen", "텍스트 생성은 언어 모델의 핵심 기능이다."));
                writer.addDocument(doc("rag", "검색 증강은 외부 문서를 찾아 프롬프트에 붙인다."));
                writer.addDocument(doc("tf", "Transformers changed natural language processing."));
                writer.commit();
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                assertThat(search(searcher, "생성")).containsExactly("gen");
                assertThat(search(searcher, "문서들")).containsExactly("rag");
                assertThat(search(searcher, "transformer")).containsExactly("tf");
                assertThat(search(searcher, "언어 모델의 생성이란?")).first().isEqualTo("gen");
                assertThat(search(searcher, "임베딩")).isEmpty();
            }
        }
    }

    private Document doc(String id, String text) {
        Document d = new Document();
        d.add(new StringField("id", id, Field.Store.YES));
        d.add(new TextField("contents", text, Field.Store.NO));
        return d;
    }

    private List<String> search(IndexSearcher searcher, String text) throws IOException {
        Query q = new QueryBuilder(analyzer).createBooleanQuery("contents", text);
        if (q == null) return List.of();
        List<String> ids = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(q, 10).scoreDocs) ids.add(searcher.storedFields().document(sd.doc).get("id"));
        return ids;
    }

    private static boolean hasHangul(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }
}
