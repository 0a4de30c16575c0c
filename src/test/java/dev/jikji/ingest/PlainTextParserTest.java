package dev.jikji.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextParserTest {

    private final PlainTextParser parser = new PlainTextParser();

    @Test
    void paragraphsAreSeparatedByBlankLines() {
        String text = "첫 문단이다.\n같은 문단의 둘째 줄.\n\n둘째 문단이다.\n \t\n\n셋째 문단.";
        ParsedDocument doc = parser.parse(text);
        assertThat(doc.title()).isNull();
        assertThat(doc.blocks()).extracting(Block::text)
                .containsExactly("첫 문단이다.\n같은 문단의 둘째 줄.", "둘째 문단이다.", "셋째 문단.");
        assertThat(doc.blocks()).allSatisfy(b -> {
            assertThat(b.kind()).isEqualTo(Block.Kind.PARAGRAPH);
            assertThat(b.headingPath()).isEmpty();
            assertThat(text.substring(b.start(), b.end())).isEqualTo(b.text());
        });
    }

    @Test
    void windowsLineEndingsSeparateParagraphsToo() {
        String text = "첫 문단이다.\r\n같은 문단.\r\n\r\n둘째 문단이다.\r\n\r\n";
        ParsedDocument doc = parser.parse(text);
        assertThat(doc.blocks()).extracting(Block::text).containsExactly("첫 문단이다.\r\n같은 문단.", "둘째 문단이다.");
        assertThat(doc.blocks()).allSatisfy(b -> assertThat(text.substring(b.start(), b.end())).isEqualTo(b.text()));
    }

    @Test
    void leadingAndTrailingWhitespaceIsNotPartOfABlock() {
        String text = "\n\n   들여쓴 문단.  \n\n\n끝  ";
        ParsedDocument doc = parser.parse(text);
        assertThat(doc.blocks()).extracting(Block::text).containsExactly("들여쓴 문단.", "끝");
        assertThat(doc.blocks()).allSatisfy(b -> assertThat(text.substring(b.start(), b.end())).isEqualTo(b.text()));
        assertThat(parser.parse(" \n\n ").blocks()).isEmpty();
    }
}
