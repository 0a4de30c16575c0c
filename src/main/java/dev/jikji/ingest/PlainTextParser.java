package dev.jikji.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain text: paragraphs are runs of lines separated by blank lines; there are no headings. */
public final class PlainTextParser {

    private static final Pattern PARAGRAPH = Pattern.compile("(?s)\\S.*?(?=\\n[ \\t\\r]*\\n|\\z)");

    public ParsedDocument parse(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = PARAGRAPH.matcher(text);
        while (m.find()) {
            String para = m.group().strip();
            if (!para.isEmpty()) {
                blocks.add(new Block(Block.Kind.PARAGRAPH, List.of(), para, m.start(), m.start() + m.group().stripTrailing().length(), 0));
            }
        }
        return new ParsedDocument(text, null, blocks);
    }
}
