package dev.jikji.ingest;

import dev.jikji.language.Language;
import dev.jikji.language.TextLanguage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jikji.embed.EncoderSpec;
import dev.jikji.embed.OnnxEncoder;
import dev.jikji.embed.TokenCounter;
import dev.jikji.onnx.OnnxSessionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkerTest {

    /** Deterministic and additive: the tokens of "a b" are the tokens of "a" plus those of "b". */
    static final TokenCounter WORDS = text -> text.isBlank() ? 0 : text.strip().split("\\s+").length;

    private static OnnxEncoder encoder;

    @BeforeAll
    static void loadTokenizer() throws Exception {
        encoder = new OnnxEncoder(EncoderSpec.embedded(), OnnxSessionFactory.cpu(), 1, 8);
    }

    @AfterAll
    static void closeTokenizer() {
        if (encoder != null) encoder.close();
    }

    private static final MarkdownParser MARKDOWN = new MarkdownParser();

    // ---------------------------------------------------------------- exact sizes, word counter

    /** n sentences of four words each: "문장1 단어 단어 끝이다." */
    private static String fourWordSentences(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "문장" + i + " 단어 단어 끝이다.").collect(Collectors.joining(" "));
    }

    @Test
    void longParagraphIsPackedBySentencesWithOneSentenceOfOverlap() {
        // 10 sentences x 4 words = 40 words, target 16, overlap 4: chunks hold 4 sentences and
        // repeat the previous chunk's last sentence: [1-4] [4-7] [7-10]
        ParsedDocument doc = MARKDOWN.parse("# 제목\n\n" + fourWordSentences(10) + "\n");
        List<Chunk> chunks = new Chunker(WORDS, 16, 4).chunk(doc);
        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "문장1 단어 단어 끝이다. 문장2 단어 단어 끝이다. 문장3 단어 단어 끝이다. 문장4 단어 단어 끝이다.",
                "문장4 단어 단어 끝이다. 문장5 단어 단어 끝이다. 문장6 단어 단어 끝이다. 문장7 단어 단어 끝이다.",
                "문장7 단어 단어 끝이다. 문장8 단어 단어 끝이다. 문장9 단어 단어 끝이다. 문장10 단어 단어 끝이다.");
        assertThat(chunks).extracting(Chunk::tokens).containsExactly(16, 16, 16);
        assertThat(chunks).extracting(Chunk::ordinal).containsExactly(0, 1, 2);
        assertThat(chunks).allSatisfy(c -> assertThat(c.headingPath()).containsExactly("제목"));
        assertInvariants(doc, chunks, WORDS, 16, 4);
    }

    @Test
    void withoutOverlapNothingIsRepeated() {
        ParsedDocument doc = MARKDOWN.parse(fourWordSentences(10));
        List<Chunk> chunks = new Chunker(WORDS, 16, 0).chunk(doc);
        assertThat(chunks).extracting(Chunk::tokens).containsExactly(16, 16, 8);
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).start()).isGreaterThanOrEqualTo(chunks.get(i - 1).end());
        }
        assertInvariants(doc, chunks, WORDS, 16, 0);
    }

    @Test
    void overlapNeverExceedsOverlapTokensAndLeavesRoomForTheNextSentence() {
        // sentences of 4 words, overlap 7: only one whole sentence (4) fits, never a partial second one
        ParsedDocument doc = MARKDOWN.parse(fourWordSentences(12));
        List<Chunk> chunks = new Chunker(WORDS, 16, 7).chunk(doc);
        assertInvariants(doc, chunks, WORDS, 16, 7);
        for (int i = 1; i < chunks.size(); i++) {
            String shared = doc.text().substring(chunks.get(i).start(), chunks.get(i - 1).end());
            assertThat(WORDS.count(shared)).isEqualTo(4);
        }
        // overlap 8 and sentences of 4: two sentences are repeated
        List<Chunk> two = new Chunker(WORDS, 16, 8).chunk(doc);
        assertInvariants(doc, two, WORDS, 16, 8);
        assertThat(two).hasSizeGreaterThan(2);
        for (int i = 1; i < two.size(); i++) {
            String shared = doc.text().substring(two.get(i).start(), two.get(i - 1).end());
            assertThat(SentenceSplitter.sentences(shared)).hasSize(2);
        }
    }

    @Test
    void smallBlocksArePackedTogetherAndNeverCut() {
        String md = """
                # 안내

                첫 문단은 다섯 단어다.

                - 하나는 네 단어
                - 둘은 네 단어
                - 셋은 네 단어

                ```
                코드 한 줄
                코드 두 줄
                ```

                마지막 문단도 다섯 단어다.
                """;
        ParsedDocument doc = MARKDOWN.parse(md);
        List<Chunk> chunks = new Chunker(WORDS, 16, 0).chunk(doc);
        // 4 + 4+4+4 = 16 words fit (the list marker counts), the code block (8 words with its fences)
        // starts the next chunk and the last paragraph (4) joins it
        assertThat(chunks).extracting(Chunk::text).containsExactly(
                "첫 문단은 다섯 단어다.\n\n- 하나는 네 단어\n\n- 둘은 네 단어\n\n- 셋은 네 단어",
                "```\n코드 한 줄\n코드 두 줄\n```\n\n마지막 문단도 다섯 단어다.");
        assertInvariants(doc, chunks, WORDS, 16, 0);
    }

    @Test
    void siblingSectionsWithTheSameTitleStayApart() {
        String md = """
                # API

                ## 예시

                첫 예시는 검색이다.

                ## 예시

                둘째 예시는 수집이다.
                """;
        ParsedDocument doc = MARKDOWN.parse(md);
        List<Chunk> chunks = new Chunker(WORDS, 64, 0).chunk(doc);
        assertThat(chunks).extracting(Chunk::text).containsExactly("첫 예시는 검색이다.", "둘째 예시는 수집이다.");
        assertThat(chunks).allSatisfy(c -> assertThat(c.headingPath()).containsExactly("API", "예시"));
    }

    @Test
    void chunksNeverCrossHeadingsAndCarryTheirPath() {
        String md = """
                # 설명서

                서문이다.

                ## 설치

                설치는 쉽다.

                ### 요구 사항

                자바가 필요하다.

                ## 사용

                사용도 쉽다.
                """;
        ParsedDocument doc = MARKDOWN.parse(md);
        List<Chunk> chunks = new Chunker(WORDS, 64, 8).chunk(doc);
        // everything would fit into one chunk of 64 words; the headings alone separate them
        assertThat(chunks).extracting(Chunk::headingPath).containsExactly(
                List.of("설명서"), List.of("설명서", "설치"), List.of("설명서", "설치", "요구 사항"), List.of("설명서", "사용"));
        assertThat(chunks).extracting(Chunk::text).containsExactly("서문이다.", "설치는 쉽다.", "자바가 필요하다.", "사용도 쉽다.");
        assertInvariants(doc, chunks, WORDS, 64, 8);
    }

    @Test
    void overlapDoesNotCarryTextAcrossAHeading() {
        String md = "# A\n\n" + fourWordSentences(6) + "\n\n# B\n\n" + fourWordSentences(6) + "\n";
        ParsedDocument doc = MARKDOWN.parse(md);
        List<Chunk> chunks = new Chunker(WORDS, 16, 8).chunk(doc);
        assertInvariants(doc, chunks, WORDS, 16, 8);
        Chunk firstOfB = chunks.stream().filter(c -> c.headingPath().equals(List.of("B"))).findFirst().orElseThrow();
        assertThat(firstOfB.start()).isGreaterThan(md.indexOf("# B"));
        assertThat(firstOfB.text()).startsWith("문장1 ");
    }

    @Test
    void codeBlockLongerThanTargetIsCutBetweenLines() {
        StringBuilder code = new StringBuilder("```java\n");
        for (int i = 0; i < 12; i++) code.append("int v").append(i).append(" = ").append(i).append(";\n");
        code.append("```\n");
        ParsedDocument doc = MARKDOWN.parse("# 코드\n\n" + code);
        List<Chunk> chunks = new Chunker(WORDS, 16, 0).chunk(doc);
        assertThat(chunks).hasSizeGreaterThan(1);
        Set<String> sourceLines = Set.of(code.toString().split("\n"));
        for (Chunk c : chunks) {
            assertThat(c.text().split("\n")).allSatisfy(line -> assertThat(sourceLines).contains(line));
        }
        assertInvariants(doc, chunks, WORDS, 16, 0);
    }

    /** A table longer than a chunk is cut between rows, and each later chunk opens with the header row again. */
    @Test
    void aLongTableIsCutBetweenRowsAndEachLaterChunkRepeatsItsHeaderRow() {
        String header = "| 직급 | 연차 일수 | 비고 |\n|---|---|---|";
        StringBuilder table = new StringBuilder(header).append('\n');
        for (int i = 1; i <= 12; i++) table.append("| 직급").append(i).append(" | ").append(10 + i).append("일 | 없음 |\n");
        ParsedDocument doc = MARKDOWN.parse("# 휴가\n\n연차 일수는 직급에 따라 다르다.\n\n" + table);
        int target = 24;
        List<Chunk> chunks = new Chunker(WORDS, target, 6).chunk(doc);
        assertThat(chunks).hasSizeGreaterThan(2);
        Set<String> rows = new HashSet<>();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            String text = c.text();
            if (i > 0) assertThat(text).as("chunk %d", i).startsWith(header + "\n| 직급");
            // the chunk is the source between its offsets, the repeated header aside
            String own = i > 0 ? text.substring(header.length() + 1) : text;
            assertThat(squash(own)).as("chunk %d", i).isEqualTo(squash(doc.text().substring(c.start(), c.end())));
            assertThat(c.tokens()).as("chunk %d", i).isEqualTo(WORDS.count(text)).isLessThanOrEqualTo(target);
            text.lines().filter(l -> l.startsWith("| 직급") && !l.contains("연차 일수")).forEach(rows::add);
        }
        assertThat(rows).as("every row in some chunk").hasSize(12);
        // a table with no rule line has no header row to repeat
        StringBuilder bare = new StringBuilder();
        for (int i = 1; i <= 12; i++) bare.append("| 직급").append(i).append(" | ").append(10 + i).append("일 | 없음 |\n");
        ParsedDocument plain = MARKDOWN.parse("# 휴가\n\n" + bare);
        for (Chunk c : new Chunker(WORDS, target, 6).chunk(plain)) {
            assertThat(squash(c.text())).isEqualTo(squash(plain.text().substring(c.start(), c.end())));
        }
    }

    @Test
    void indentedCodeAndIndentedParagraphKeepTheirOffsets() {
        StringBuilder md = new StringBuilder("# 들여쓰기\n\n   세 칸 들여 쓴 문단이다. " + fourWordSentences(5) + "\n\n");
        for (int i = 0; i < 10; i++) md.append("    int v").append(i).append(" = ").append(i).append(";\n");
        ParsedDocument doc = MARKDOWN.parse(md.toString());
        List<Chunk> chunks = new Chunker(WORDS, 16, 4).chunk(doc);
        assertThat(chunks).hasSizeGreaterThan(3);
        assertInvariants(doc, chunks, WORDS, 16, 4);
        for (Chunk c : chunks) {
            assertThat(doc.text().startsWith(c.text().lines().findFirst().orElseThrow(), c.start())).as("%s", c).isTrue();
        }
    }

    @Test
    void sentenceLongerThanTargetIsCutBetweenWords() {
        String words = IntStream.range(0, 40).mapToObj(i -> "낱말" + i).collect(Collectors.joining(" "));
        ParsedDocument doc = MARKDOWN.parse("짧은 문장이다. " + words + "다. 다음 문장이다.");
        List<Chunk> chunks = new Chunker(WORDS, 16, 4).chunk(doc);
        assertInvariants(doc, chunks, WORDS, 16, 4);
        Set<String> sourceWords = new HashSet<>(List.of(doc.text().split("\\s+")));
        for (Chunk c : chunks) {
            assertThat(c.text().split("\\s+")).allSatisfy(w -> assertThat(sourceWords).contains(w));
        }
    }

    @Test
    void aSingleWordLongerThanTargetIsKeptWholeInItsOwnChunk() {
        // counts characters, so one long word is more than the target on its own
        TokenCounter chars = text -> text.strip().length();
        String longWord = "가".repeat(40);
        ParsedDocument doc = MARKDOWN.parse("짧다. " + longWord + " 끝.");
        List<Chunk> chunks = new Chunker(chars, 16, 0).chunk(doc);
        assertThat(chunks).extracting(Chunk::text).contains(longWord);
        assertThat(chunks.stream().map(Chunk::text).collect(Collectors.joining(" "))).contains("짧다.", "끝.");
        assertThat(chunks).filteredOn(c -> !c.text().equals(longWord)).allSatisfy(c -> assertThat(chars.count(c.text())).isLessThanOrEqualTo(16));
    }

    @Test
    void plainTextAndHtmlAreChunkedWithTheSameGuarantees() {
        String text = fourWordSentences(7) + "\n\n" + fourWordSentences(3) + "\n\n" + fourWordSentences(9);
        ParsedDocument plain = new PlainTextParser().parse(text);
        assertInvariants(plain, new Chunker(WORDS, 16, 4).chunk(plain), WORDS, 16, 4);
        ParsedDocument html = new HtmlParser().parse("<h1>제목</h1><p>" + fourWordSentences(7) + "</p><h2>둘</h2><ul><li>"
                + fourWordSentences(2) + "</li><li>" + fourWordSentences(5) + "</li></ul><pre>a b\nc d\ne f g</pre>");
        assertInvariants(html, new Chunker(WORDS, 16, 4).chunk(html), WORDS, 16, 4);
    }

    @Test
    void emptyDocumentHasNoChunks() {
        assertThat(new Chunker(WORDS, 16, 4).chunk(MARKDOWN.parse("# 제목만 있다\n"))).isEmpty();
    }

    @Test
    void rejectsBadSizes() {
        assertThatThrownBy(() -> new Chunker(WORDS, 8, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunker(WORDS, 32, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Chunker(WORDS, 32, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- real tokenizer

    private static final String KOREAN = """
            # 하이브리드 검색

            직지는 키워드 검색과 벡터 검색을 함께 쓴다. BM25는 정확한 용어가 일치할 때 강하다. 벡터 검색은 표현이 달라도 의미가 비슷하면 찾아낸다. 두 결과는 역순위 융합(RRF)으로 합친다. 순위가 높은 문서일수록 점수를 많이 받는다. 각 검색의 점수 척도가 달라도 순위만 쓰므로 문제가 없다. 그래서 별도의 정규화가 필요 없다.

            ## 설정

            기본 k 값은 60이다. 값을 줄이면 상위 순위의 영향이 커진다. 값을 늘리면 여러 검색에 고루 나온 문서가 유리해진다. 대부분의 경우 기본값이면 충분하다. 설정 키는 jikji.search.rrf-k이다.

            - 후보 수는 검색마다 50개다
            - 벡터 검색의 가중치는 질의 언어에 따라 달라진다
            - 임베딩 모델이 한국어를 지원하지 않으면 벡터 검색을 건너뛴다

            ```properties
            jikji.search.rrf-k=60
            jikji.search.candidates=50
            ```

            ## 한계

            형태소 분석기는 신조어를 잘 모른다. 사용자 사전을 추가하면 나아진다. 그래도 오타가 있는 질의는 찾기 어렵다. 벡터 검색이 이런 질의를 보완한다. 하지만 영어 전용 모델은 한국어 질의에 약하다. 이 경우 키워드 검색 결과만 쓰는 편이 낫다. 평가 세트로 확인한 결과도 같았다. 다국어 모델을 설치하면 두 검색을 모두 쓸 수 있다.
            """;

    private static final String ENGLISH = """
            # Hybrid search

            Jikji combines keyword search with vector search. BM25 is strong when the exact terms match. Vector search finds passages that mean the same thing in other words. Both result lists are merged with reciprocal rank fusion. Documents ranked higher receive more points. Only ranks are used, so the different score scales do not matter. No normalisation is needed, e.g. no min-max scaling.

            ## Settings

            The default k is 60. A smaller k gives the top ranks more weight. A larger k favours documents found by several legs. The default works for most corpora. The key is jikji.search.rrf-k in version 2.1 and later.

            1. Each leg returns 50 candidates.
            2. The vector leg is weighted by the query language.
            3. Without Korean support in the model, the vector leg is skipped.

            ## Limits

            The morphological analyser does not know new words. A user dictionary helps. Queries with typos are still hard to match. Vector search makes up for that. An English-only model is weak on Korean queries, though. Keyword results alone are better then. The evaluation set agreed. A multilingual model lets both legs work together.
            """;

    @ParameterizedTest(name = "target {0}, overlap {1}")
    @CsvSource({"32, 8", "64, 16", "256, 32"})
    void koreanMarkdownWithTheModelTokenizer(int target, int overlap) {
        ParsedDocument doc = MARKDOWN.parse(KOREAN);
        List<Chunk> chunks = new Chunker(encoder, target, overlap).chunk(doc);
        assertInvariants(doc, chunks, encoder, target, overlap);
        assertThat(chunks.stream().map(Chunk::headingPath).distinct()).hasSize(3);
        if (target < 256) assertThat(chunks).hasSizeGreaterThan(6);
    }

    @ParameterizedTest(name = "target {0}, overlap {1}")
    @CsvSource({"16, 4", "32, 8", "64, 16", "256, 32"})
    void englishMarkdownWithTheModelTokenizer(int target, int overlap) {
        ParsedDocument doc = MARKDOWN.parse(ENGLISH);
        List<Chunk> chunks = new Chunker(encoder, target, overlap).chunk(doc);
        assertInvariants(doc, chunks, encoder, target, overlap);
        if (target == 256) assertThat(chunks).hasSize(3);
        if (target < 64) assertThat(chunks).hasSizeGreaterThan(6);
    }

    /** As IngestService on the English default: Korean sections in characters, the others in model tokens. */
    private static Chunker koreanInCharacters(int characters, int overlapCharacters) {
        Chunker.Measure tokens = new Chunker.Measure(encoder, 256, 32);
        Chunker.Measure chars = new Chunker.Measure(Chunker.CHARACTERS, characters, overlapCharacters);
        return new Chunker(language -> language == Language.KOREAN ? chars : tokens);
    }

    @ParameterizedTest(name = "{0} characters, overlap {1}")
    @CsvSource({"40, 10", "120, 30", "600, 80"})
    void koreanMarkdownSizedInCharactersKeepsEveryBoundaryRule(int target, int overlap) {
        ParsedDocument doc = MARKDOWN.parse(KOREAN);
        List<Chunk> chunks = koreanInCharacters(target, overlap).chunk(doc);
        // sections, sentences (Korean endings), list items and code lines as with tokens, sizes in characters
        assertInvariants(doc, chunks, Chunker.CHARACTERS, target, overlap);
        assertThat(chunks.stream().map(Chunk::headingPath).distinct()).hasSize(3);
        if (target == 40) assertThat(chunks).hasSizeGreaterThan(8);
        if (target == 600) assertThat(chunks).as("one chunk per section").hasSize(3);
    }

    @Test
    void charactersHoldMoreKoreanThanTheEnglishTokenizerDoes() {
        // the English WordPiece vocabulary splits Hangul into pieces: 256 of its tokens hold far fewer
        // Korean characters than 256 characters do
        ParsedDocument doc = MARKDOWN.parse(KOREAN + "\n" + KOREAN.replace("# 하이브리드 검색", "# 반복"));
        int inTokens = new Chunker(encoder, 64, 0).chunk(doc).size();
        int inCharacters = koreanInCharacters(64, 0).chunk(doc).size();
        assertThat(inCharacters).isLessThan(inTokens);
        assertThat(encoder.count("직지는 키워드 검색과 벡터 검색을 함께 쓴다."))
                .isGreaterThan(Chunker.CHARACTERS.count("직지는 키워드 검색과 벡터 검색을 함께 쓴다."));
    }

    @Test
    void eachSectionIsMeasuredInItsOwnLanguagesUnit() {
        String mixed = ENGLISH + "\n" + KOREAN;
        ParsedDocument doc = MARKDOWN.parse(mixed);
        List<Chunk> chunks = koreanInCharacters(120, 30).chunk(doc);
        List<Chunk> english = chunks.stream().filter(c -> TextLanguage.detect(c.text()) == Language.ENGLISH).toList();
        List<Chunk> korean = chunks.stream().filter(c -> TextLanguage.detect(c.text()) == Language.KOREAN).toList();
        assertThat(english).isNotEmpty();
        assertThat(korean).isNotEmpty();
        // English sections at 256 model tokens: one chunk each, counted in tokens
        assertThat(english).allSatisfy(c -> assertThat(c.tokens()).isEqualTo(encoder.count(c.text())).isLessThanOrEqualTo(256));
        assertThat(english).hasSize(3);
        // Korean sections at 120 characters: cut, counted in characters
        assertThat(korean).allSatisfy(c -> assertThat(c.tokens()).isEqualTo(Chunker.CHARACTERS.count(c.text())).isLessThanOrEqualTo(120));
        assertThat(korean).hasSizeGreaterThan(3);
    }

    @Test
    void charactersAreCodePointsBesidesWhiteSpace() {
        assertThat(Chunker.CHARACTERS.count("직지 는\n\n검색")).isEqualTo(5);
        assertThat(Chunker.CHARACTERS.count("a𝒳 b")).isEqualTo(3);
        assertThat(Chunker.CHARACTERS.count(" \t\n")).isZero();
    }

    @Test
    void modelTokenizerCountsAreAdditiveOverWhitespace() {
        // the chunker sums unit counts instead of re-counting joined text; that is only exact when
        // the tokenizer never merges tokens across whitespace, which holds for this WordPiece model
        for (String s : List.of("직지는 키워드 검색과 벡터 검색을 함께 쓴다.", "Vector search finds passages.")) {
            assertThat(encoder.count(s + "\n\n" + s)).isEqualTo(2 * encoder.count(s));
        }
        assertThat(encoder.count("")).isZero();
        assertThat(encoder.count("hello world")).isEqualTo(2);
    }

    @Test
    void everyCorpusDocumentWithTheModelTokenizer() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("docs-corpus"))) {
            files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            ParsedDocument doc = MARKDOWN.parse(Files.readString(file));
            for (int[] size : new int[][] {{256, 32}, {96, 24}}) {
                List<Chunk> chunks = new Chunker(encoder, size[0], size[1]).chunk(doc);
                try {
                    assertInvariants(doc, chunks, encoder, size[0], size[1]);
                } catch (AssertionError e) {
                    throw new AssertionError(file + " at " + size[0] + "/" + size[1] + ": " + e.getMessage(), e);
                }
            }
        }
    }

    // ---------------------------------------------------------------- invariants

    private static final Pattern HEADING_LINE = Pattern.compile("(?m)^ {0,3}#{1,6}[ \\t]");

    /** Where units may start and end: sentences of prose blocks, lines of the others, whole blocks. */
    private record Span(int start, int end, int tokens, Block block) {
        boolean strictlyContains(int offset) {
            return offset > start && offset < end;
        }
    }

    static void assertInvariants(ParsedDocument doc, List<Chunk> chunks, TokenCounter counter, int target, int overlap) {
        String source = doc.text();
        List<Span> blocks = new ArrayList<>();
        List<Span> units = new ArrayList<>();
        for (Block b : doc.blocks()) {
            assertThat(source.startsWith(b.text(), b.start())).as("block offset %s", b).isTrue();
            blocks.add(new Span(b.start(), b.end(), counter.count(b.text()), b));
            if (b.kind().isProse()) {
                for (int[] s : SentenceSplitter.split(b.text())) {
                    units.add(new Span(b.start() + s[0], b.start() + s[1],
                            counter.count(b.text().substring(s[0], s[1])), b));
                }
            } else {
                int offset = 0;
                for (String line : b.text().split("\n", -1)) {
                    if (!line.isBlank()) {
                        units.add(new Span(b.start() + offset, b.start() + offset + line.length(), counter.count(line), b));
                    }
                    offset += line.length() + 1;
                }
            }
        }
        if (doc.blocks().isEmpty()) {
            assertThat(chunks).isEmpty();
            return;
        }
        assertThat(chunks).isNotEmpty();
        // Markdown heading lines: lines starting with # outside every block (a # line inside a code block is code)
        List<Integer> headings = new ArrayList<>();
        java.util.regex.Matcher m = HEADING_LINE.matcher(source);
        while (m.find()) {
            int h = m.start();
            if (blocks.stream().noneMatch(b -> h >= b.start() && h < b.end())) headings.add(h);
        }
        Set<Integer> starts = new HashSet<>();
        Set<Integer> ends = new HashSet<>();
        blocks.forEach(s -> { starts.add(s.start()); ends.add(s.end()); });
        units.forEach(s -> { starts.add(s.start()); ends.add(s.end()); });

        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            String where = "chunk " + i + " " + c;
            assertThat(c.ordinal()).as(where).isEqualTo(i);
            // (a code line keeps its indentation, so only trailing whitespace is ruled out)
            assertThat(c.text()).as(where).isNotBlank().isEqualTo(c.text().stripTrailing());
            assertThat(c.start()).as(where).isBetween(0, c.end());
            assertThat(c.end()).as(where).isLessThanOrEqualTo(source.length());

            // offsets: the chunk is the source between its offsets, apart from the whitespace that joins units and
            // the header row repeated at the head of a chunk that starts inside a table
            String slice = source.substring(c.start(), c.end());
            String repeated = TableRows.header(c.text().split("\n"));
            String own = repeated != null && !squash(slice).startsWith(squash(repeated))
                    ? c.text().substring(repeated.length() + 1) : c.text();
            assertThat(squash(own)).as(where + " text vs source slice").isEqualTo(squash(slice));

            // size: over the target only when it is one word that cannot be cut, or one table row under its header
            int tokens = counter.count(c.text());
            assertThat(c.tokens()).as(where + " reported tokens").isEqualTo(tokens);
            if (tokens > target && own.equals(c.text())) {
                assertThat(c.text()).as(where + " is over the target " + target).doesNotContainPattern("\\s");
            } else if (tokens > target) {
                assertThat(own).as(where + " is over the target " + target + " with its header").doesNotContain("\n");
            }

            // headings: one section only, the one of every block it touches
            for (int h : headings) {
                assertThat(h > c.start() && h < c.end()).as(where + " crosses the heading at " + h).isFalse();
            }
            for (Span b : blocks) {
                if (b.start() < c.end() && b.end() > c.start()) {
                    assertThat(c.headingPath()).as(where + " path vs block " + b.block()).isEqualTo(b.block().headingPath());
                }
            }

            // boundaries: whole sentences, lines and blocks whenever they fit
            for (Span u : units) {
                if (u.tokens() <= target) {
                    assertThat(u.strictlyContains(c.start()) || u.strictlyContains(c.end()))
                            .as(where + " cuts the unit " + source.substring(u.start(), u.end())).isFalse();
                }
            }
            for (Span b : blocks) {
                if (b.tokens() <= target) {
                    assertThat(b.strictlyContains(c.start()) || b.strictlyContains(c.end()))
                            .as(where + " cuts the block that fits " + b.block().text()).isFalse();
                }
            }
            boolean insideOversizedUnit = units.stream().anyMatch(u -> u.tokens() > target
                    && (u.strictlyContains(c.start()) || u.strictlyContains(c.end())));
            if (!insideOversizedUnit) {
                assertThat(starts).as(where + " starts at a unit start").contains(c.start());
                assertThat(ends).as(where + " ends at a unit end").contains(c.end());
            } else {
                // cut between words of a unit over the target, never inside a word
                assertThat(c.start() == 0 || Character.isWhitespace(source.charAt(c.start() - 1))
                        || starts.contains(c.start())).as(where + " starts inside a word").isTrue();
            }

            // overlap: the next chunk of the same section repeats at most overlapTokens of whole units
            if (i > 0) {
                Chunk p = chunks.get(i - 1);
                assertThat(c.start()).as(where + " moves forward").isGreaterThan(p.start());
                assertThat(c.end()).as(where + " moves forward").isGreaterThan(p.end());
                if (c.start() < p.end()) {
                    assertThat(c.headingPath()).as(where + " overlaps another section").isEqualTo(p.headingPath());
                    String shared = source.substring(c.start(), p.end());
                    assertThat(counter.count(shared)).as(where + " overlap size").isLessThanOrEqualTo(overlap);
                    assertThat(starts).as(where + " overlap starts at a unit").contains(c.start());
                }
            }
        }

        // nothing lost: every unit lies inside some chunk and its text is in that chunk
        for (Span u : units) {
            String unitText = source.substring(u.start(), u.end());
            boolean covered = chunks.stream().anyMatch(c -> c.start() <= u.start() && c.end() >= u.end()
                    && (u.tokens() > target || c.text().contains(unitText)));
            boolean coveredInPieces = u.tokens() > target && coveredByChunks(chunks, u);
            assertThat(covered || coveredInPieces).as("unit lost: " + unitText).isTrue();
        }
    }

    private static boolean coveredByChunks(List<Chunk> chunks, Span u) {
        int reached = u.start();
        for (Chunk c : chunks) {
            if (c.start() <= reached && c.end() > reached) reached = c.end();
        }
        return reached >= u.end();
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }
}
