package dev.jikji.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownParserTest {

    private final MarkdownParser parser = new MarkdownParser();

    private static final String DOC = """
            # 직지 안내서

            직지는 문서 검색 서비스다.

            ## 설치

            설치는 간단하다.

            ### 요구 사항

            - Java 21 이상
            - 메모리 4GB
              두 번째 줄도 같은 항목이다.
            1. 첫째 단계
            2. 둘째 단계

            ### 실행

            ```bash
            ./mvnw quarkus:dev

            curl localhost:8080
            ```

            ## 검색

            | 항목 | 값 |
            |------|----|
            | k    | 60 |

            > 인용문은 하나의 블록이다.
            > 둘째 줄.

            # 부록

            끝.
            """;

    @Test
    void titleIsFirstTopLevelHeading() {
        assertThat(parser.parse(DOC).title()).isEqualTo("직지 안내서");
        assertThat(parser.parse("## 둘째 수준\n\n# 첫 H1\n\n# 둘째 H1\n").title()).isEqualTo("첫 H1");
        assertThat(parser.parse("그냥 문단.\n\n## 소제목\n").title()).isNull();
    }

    @Test
    void headingPathsFollowNestingAndResetOnSiblings() {
        ParsedDocument doc = parser.parse(DOC);
        assertThat(pathOf(doc, "직지는 문서 검색 서비스다.")).containsExactly("직지 안내서");
        assertThat(pathOf(doc, "설치는 간단하다.")).containsExactly("직지 안내서", "설치");
        assertThat(pathOf(doc, "- Java 21 이상")).containsExactly("직지 안내서", "설치", "요구 사항");
        // sibling ### replaces the previous ###
        assertThat(pathOf(doc, "```bash")).containsExactly("직지 안내서", "설치", "실행");
        // a ## after ### pops both
        assertThat(pathOf(doc, "| 항목")).containsExactly("직지 안내서", "검색");
        // a new # resets everything
        assertThat(pathOf(doc, "끝.")).containsExactly("부록");
    }

    @Test
    void skippedHeadingLevelsPopCorrectly() {
        ParsedDocument doc = parser.parse("# A\n\n### C\n\nc text\n\n## D\n\nd text\n\n#### E\n\ne text\n\n## F\n\nf text\n");
        assertThat(pathOf(doc, "c text")).containsExactly("A", "C");
        assertThat(pathOf(doc, "d text")).containsExactly("A", "D");
        assertThat(pathOf(doc, "e text")).containsExactly("A", "D", "E");
        assertThat(pathOf(doc, "f text")).containsExactly("A", "F");
    }

    @Test
    void headingTextKeepsInlineCodeAndDropsMarkup() {
        ParsedDocument doc = parser.parse("# `Chunker` 의 **설정**\n\n본문.\n");
        assertThat(doc.title()).isEqualTo("Chunker 의 설정");
        assertThat(doc.blocks().getFirst().headingPath()).containsExactly("Chunker 의 설정");
    }

    @Test
    void eachListItemIsItsOwnBlock() {
        ParsedDocument doc = parser.parse(DOC);
        List<Block> items = doc.blocks().stream().filter(b -> b.kind() == Block.Kind.LIST_ITEM).toList();
        assertThat(items).extracting(Block::text).containsExactly(
                "- Java 21 이상",
                "- 메모리 4GB\n  두 번째 줄도 같은 항목이다.",
                "1. 첫째 단계",
                "2. 둘째 단계");
    }

    @Test
    void fencedCodeIsOneBlockWithFencesAndBlankLines() {
        ParsedDocument doc = parser.parse(DOC);
        List<Block> code = doc.blocks().stream().filter(b -> b.kind() == Block.Kind.CODE).toList();
        assertThat(code).singleElement().extracting(Block::text)
                .isEqualTo("```bash\n./mvnw quarkus:dev\n\ncurl localhost:8080\n```");
    }

    @Test
    void tableIsOneBlock() {
        ParsedDocument doc = parser.parse(DOC);
        assertThat(doc.blocks()).filteredOn(b -> b.kind() == Block.Kind.TABLE).singleElement()
                .extracting(Block::text).isEqualTo("| 항목 | 값 |\n|------|----|\n| k    | 60 |");
    }

    @Test
    void blockQuoteIsOneBlock() {
        ParsedDocument doc = parser.parse(DOC);
        assertThat(doc.blocks()).filteredOn(b -> b.kind() == Block.Kind.QUOTE).singleElement()
                .extracting(Block::text).isEqualTo("> 인용문은 하나의 블록이다.\n> 둘째 줄.");
    }

    @Test
    void headingsAreNotBlocksAndBlocksComeInDocumentOrder() {
        ParsedDocument doc = parser.parse(DOC);
        assertThat(doc.blocks()).extracting(Block::text).noneMatch(t -> t.startsWith("#"));
        assertThat(doc.blocks()).extracting(Block::kind).containsExactly(
                Block.Kind.PARAGRAPH, Block.Kind.PARAGRAPH,
                Block.Kind.LIST_ITEM, Block.Kind.LIST_ITEM, Block.Kind.LIST_ITEM, Block.Kind.LIST_ITEM,
                Block.Kind.CODE, Block.Kind.TABLE, Block.Kind.QUOTE, Block.Kind.PARAGRAPH);
        for (int i = 1; i < doc.blocks().size(); i++) {
            assertThat(doc.blocks().get(i).start()).isGreaterThanOrEqualTo(doc.blocks().get(i - 1).end());
        }
    }

    @Test
    void offsetsPointAtTheBlockTextInTheSource() {
        assertOffsets(DOC);
    }

    @Test
    void offsetsHoldForWindowsLineEndingsTabsAndIndentedCode() {
        String crlf = DOC.replace("\n", "\r\n");
        ParsedDocument doc = assertOffsets(crlf);
        assertThat(doc.blocks()).hasSize(10);
        String indented = "# 제목\n\n문단이다.\n\n    int x = 1;\n    int y = 2;\n\n  들여쓴 문단.\n\n-\ttab item\n";
        ParsedDocument doc2 = assertOffsets(indented);
        assertThat(doc2.blocks()).extracting(Block::kind)
                .containsExactly(Block.Kind.PARAGRAPH, Block.Kind.CODE, Block.Kind.PARAGRAPH, Block.Kind.LIST_ITEM);
    }

    @Test
    void documentTextIsTheSourceItself() {
        assertThat(parser.parse(DOC).text()).isSameAs(DOC);
    }

    private static ParsedDocument assertOffsets(String source) {
        ParsedDocument doc = new MarkdownParser().parse(source);
        assertThat(doc.blocks()).isNotEmpty();
        for (Block b : doc.blocks()) {
            assertThat(b.start()).isBetween(0, b.end());
            assertThat(b.end()).isLessThanOrEqualTo(source.length());
            assertThat(source.substring(b.start(), b.end()).strip()).as("block %s", b).isEqualTo(b.text());
            // the text starts right at start and ends right at end: the chunker adds sentence offsets to start
            assertThat(source.startsWith(b.text(), b.start())).as("block %s starts at its offset", b).isTrue();
            assertThat(b.end() - b.start()).as("block %s ends at its offset", b).isEqualTo(b.text().length());
        }
        return doc;
    }

    private static List<String> pathOf(ParsedDocument doc, String textStart) {
        return doc.blocks().stream().filter(b -> b.text().startsWith(textStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no block starting with " + textStart + " in " + doc.blocks()))
                .headingPath();
    }
}
