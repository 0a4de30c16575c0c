package dev.jikji.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Text of a paged format (a PDF's text layer) with pages separated by form feeds, as PDF text
 * extractors write it: each page's paragraphs become blocks of that page, so every chunk can be
 * cited with its page number.
 */
public final class PagedTextParser {

    public ParsedDocument parse(String text) {
        List<Block> blocks = new ArrayList<>();
        PlainTextParser plain = new PlainTextParser();
        int offset = 0;
        int page = 1;
        for (String pageText : text.split("\f", -1)) {
            for (Block b : plain.parse(pageText).blocks()) {
                blocks.add(new Block(b.kind(), List.of(), b.text(), offset + b.start(), offset + b.end(), page, page));
            }
            offset += pageText.length() + 1;
            page++;
        }
        return new ParsedDocument(text, null, blocks);
    }
}
