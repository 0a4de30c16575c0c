package dev.jikji.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlParserTest {

    private final HtmlParser parser = new HtmlParser();

    private static final String PAGE = """
            <!doctype html>
            <html><head>
              <title> 직지 문서 </title>
              <style>body { color: red; }</style>
              <script>var secret = "스크립트 내용";</script>
            </head>
            <body>
              <nav><a href="/">홈</a> <a href="/docs">메뉴 항목</a></nav>
              <main>
                <h1>직지 안내서</h1>
                <p>직지는   문서 검색
                   서비스다.</p>
                <h2>설치</h2>
                <p>설치는 <b>간단하다</b>.</p>
                <h3>요구 사항</h3>
                <ul><li>Java 21 이상</li><li>메모리 4GB</li></ul>
                <h3>실행</h3>
                <pre>./mvnw quarkus:dev
              curl localhost:8080</pre>
                <h2>검색</h2>
                <table><tr><th>항목</th><th>값</th></tr><tr><td>k</td><td>60</td></tr></table>
                <blockquote>인용문이다.</blockquote>
                <script>document.write("본문 속 스크립트")</script>
                <noscript>자바스크립트를 켜세요</noscript>
              </main>
              <footer>저작권 표시</footer>
            </body></html>
            """;

    /** Only a first row of header cells is a header row: a table of data cells alone gets no rule. */
    @Test
    void aTableOfDataCellsOnlyHasNoHeaderRow() {
        ParsedDocument doc = parser.parse("<table><tr><td>k</td><td>60</td></tr><tr><td>b</td><td>0.75</td></tr></table>");
        assertThat(doc.blocks()).extracting(Block::text).containsExactly("| k | 60 |\n| b | 0.75 |");
    }

    @Test
    void titleComesFromTitleElement() {
        assertThat(parser.parse(PAGE).title()).isEqualTo("직지 문서");
    }

    @Test
    void articleHeaderKeepsItsH1() {
        ParsedDocument doc = parser.parse("<article><header><h1>휴가 규정</h1><p>인사팀 작성</p></header>"
                + "<section><h2>연차</h2><p>연차는 15일이다.</p></section></article>");
        assertThat(doc.title()).isEqualTo("휴가 규정");
        assertThat(pathOf(doc, "연차는")).containsExactly("휴가 규정", "연차");
        assertThat(pathOf(doc, "인사팀")).containsExactly("휴가 규정");
    }

    @Test
    void titleFallsBackToFirstH1() {
        ParsedDocument doc = parser.parse("<html><body><h2>먼저 온 H2</h2><h1>첫 H1</h1><p>본문</p><h1>둘째 H1</h1></body></html>");
        assertThat(doc.title()).isEqualTo("첫 H1");
        assertThat(parser.parse("<p>제목 없음</p>").title()).isNull();
    }

    @Test
    void headingsBecomeHeadingPathsWithSiblingReset() {
        ParsedDocument doc = parser.parse(PAGE);
        assertThat(pathOf(doc, "직지는")).containsExactly("직지 안내서");
        assertThat(pathOf(doc, "설치는")).containsExactly("직지 안내서", "설치");
        assertThat(pathOf(doc, "- Java 21")).containsExactly("직지 안내서", "설치", "요구 사항");
        assertThat(pathOf(doc, "./mvnw")).containsExactly("직지 안내서", "설치", "실행");
        assertThat(pathOf(doc, "| 항목")).containsExactly("직지 안내서", "검색");
        assertThat(pathOf(doc, "인용문")).containsExactly("직지 안내서", "검색");
    }

    @Test
    void headingsAreKeptInTheExtractedText() {
        String text = parser.parse(PAGE).text();
        assertThat(text).contains("직지 안내서", "설치", "요구 사항", "실행", "검색");
        assertThat(text.indexOf("설치")).isLessThan(text.indexOf("설치는"));
    }

    @Test
    void scriptStyleNavAndFooterAreDropped() {
        ParsedDocument doc = parser.parse(PAGE);
        assertThat(doc.text()).doesNotContain("스크립트", "secret", "color", "메뉴 항목", "홈", "저작권", "자바스크립트");
        assertThat(doc.blocks()).extracting(Block::text)
                .noneMatch(t -> t.contains("스크립트") || t.contains("메뉴") || t.contains("저작권"));
    }

    @Test
    void blocksHaveTheRightKindsAndText() {
        ParsedDocument doc = parser.parse(PAGE);
        assertThat(doc.blocks()).extracting(Block::kind, Block::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Block.Kind.PARAGRAPH, "직지는 문서 검색 서비스다."),
                org.assertj.core.groups.Tuple.tuple(Block.Kind.PARAGRAPH, "설치는 간단하다."),
                org.assertj.core.groups.Tuple.tuple(Block.Kind.LIST_ITEM, "- Java 21 이상"),
                org.assertj.core.groups.Tuple.tuple(Block.Kind.LIST_ITEM, "- 메모리 4GB"),
                org.assertj.core.groups.Tuple.tuple(Block.Kind.CODE, "./mvnw quarkus:dev\n  curl localhost:8080"),
                org.assertj.core.groups.Tuple.tuple(Block.Kind.TABLE, "| 항목 | 값 |\n| --- | --- |\n| k | 60 |"),
                org.assertj.core.groups.Tuple.tuple(Block.Kind.QUOTE, "인용문이다."));
    }

    @Test
    void looseTextOutsideParagraphsBecomesParagraphs() {
        ParsedDocument doc = parser.parse("<body><div>첫째 덩어리<br>둘째 줄</div><h2>소제목</h2><div>셋째 덩어리</div></body>");
        assertThat(doc.blocks()).extracting(Block::text).containsExactly("첫째 덩어리 둘째 줄", "셋째 덩어리");
        assertThat(doc.blocks().get(0).headingPath()).isEmpty();
        assertThat(doc.blocks().get(1).headingPath()).containsExactly("소제목");
    }

    @Test
    void offsetsPointIntoTheExtractedText() {
        ParsedDocument doc = parser.parse(PAGE);
        assertThat(doc.blocks()).isNotEmpty();
        int previousEnd = 0;
        for (Block b : doc.blocks()) {
            assertThat(b.start()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(doc.text().substring(b.start(), b.end())).isEqualTo(b.text());
            previousEnd = b.end();
        }
    }

    private static List<String> pathOf(ParsedDocument doc, String textStart) {
        return doc.blocks().stream().filter(b -> b.text().startsWith(textStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no block starting with " + textStart + " in " + doc.blocks()))
                .headingPath();
    }
}
