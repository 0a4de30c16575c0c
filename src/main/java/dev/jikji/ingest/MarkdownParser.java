package dev.jikji.ingest;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Markdown to blocks with CommonMark (GFM tables included). Block text is the exact source slice, so
 * offsets point into the original and code keeps its fences; headings become the heading path.
 */
public final class MarkdownParser {

    private final Parser parser = Parser.builder()
            .extensions(List.of(TablesExtension.create()))
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();

    public ParsedDocument parse(String markdown) {
        Node root = parser.parse(markdown);
        List<Block> blocks = new ArrayList<>();
        List<String> path = new ArrayList<>();
        int[] levels = new int[7];
        String title = null;
        int section = 0;
        for (Node node = root.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading) {
                section++;
                String text = inlineText(heading).strip();
                if (title == null && heading.getLevel() == 1) {
                    title = text;
                }
                while (!path.isEmpty() && levels[path.size()] >= heading.getLevel()) {
                    path.removeLast();
                }
                path.add(text);
                levels[path.size()] = heading.getLevel();
            } else {
                addBlocks(node, markdown, path, section, blocks);
            }
        }
        return new ParsedDocument(markdown, title, blocks);
    }

    private void addBlocks(Node node, String source, List<String> path, int section, List<Block> out) {
        if (node instanceof ListBlock list) {
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                if (item instanceof ListItem) {
                    add(Block.Kind.LIST_ITEM, item, source, path, section, out);
                }
            }
        } else if (node instanceof FencedCodeBlock || node instanceof IndentedCodeBlock) {
            add(Block.Kind.CODE, node, source, path, section, out);
        } else if (node instanceof TableBlock) {
            add(Block.Kind.TABLE, node, source, path, section, out);
        } else if (node instanceof BlockQuote) {
            add(Block.Kind.QUOTE, node, source, path, section, out);
        } else if (node instanceof Paragraph || node instanceof HtmlBlock) {
            add(Block.Kind.PARAGRAPH, node, source, path, section, out);
        }
        // thematic breaks and link reference definitions carry no text worth retrieving
    }

    private static void add(Block.Kind kind, Node node, String source, List<String> path, int section, List<Block> out) {
        List<SourceSpan> spans = node.getSourceSpans();
        if (spans.isEmpty()) {
            return;
        }
        int start = spans.getFirst().getInputIndex();
        SourceSpan last = spans.getLast();
        int end = Math.min(source.length(), last.getInputIndex() + last.getLength());
        String slice = source.substring(start, end);
        String text = slice.strip();
        if (!text.isEmpty()) {
            // spans of indented blocks start at the indentation: offsets must point at the text itself
            int from = start + slice.indexOf(text);
            out.add(new Block(kind, path, text, from, from + text.length(), section));
        }
    }

    private static String inlineText(Node node) {
        StringBuilder sb = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                sb.append(t.getLiteral());
            } else if (child instanceof Code c) {
                sb.append(c.getLiteral());
            } else {
                sb.append(inlineText(child));
            }
        }
        return sb.toString();
    }
}
