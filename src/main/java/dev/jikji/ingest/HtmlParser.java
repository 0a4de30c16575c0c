package dev.jikji.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * HTML to blocks with jsoup: h1–h6 become the heading path, paragraphs, list items, pre and tables
 * become blocks; scripts, styles and navigation chrome are dropped. Offsets point into the text made
 * by joining the blocks with blank lines.
 */
public final class HtmlParser {

    // <header> is kept: in HTML5 articles it often holds the <h1>
    private static final Set<String> SKIP = Set.of("script", "style", "noscript", "template", "nav", "footer",
            "svg", "form", "button", "iframe");
    private static final Set<String> CONTAINERS = Set.of("html", "body", "main", "article", "section", "header", "div", "aside",
            "figure", "details", "summary", "center", "span", "font", "a", "dl");

    public ParsedDocument parse(String html) {
        org.jsoup.nodes.Document doc = Jsoup.parse(html);
        String title = doc.title().isBlank() ? null : doc.title().strip();
        State state = new State();
        walk(doc.body() != null ? doc.body() : doc, state);
        state.flushLoose();
        if (title == null && !state.firstH1.isEmpty()) {
            title = state.firstH1;
        }
        return new ParsedDocument(state.text.toString(), title, state.blocks);
    }

    private void walk(Element element, State state) {
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode text) {
                state.loose.append(text.text());
                continue;
            }
            if (!(child instanceof Element el)) {
                continue;
            }
            String tag = el.normalName();
            if (SKIP.contains(tag)) {
                continue;
            }
            switch (tag) {
                case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                    state.flushLoose();
                    state.heading(tag.charAt(1) - '0', el.text().strip());
                }
                case "p", "blockquote", "dd", "dt", "caption", "address" -> {
                    state.flushLoose();
                    state.add(tag.equals("blockquote") ? Block.Kind.QUOTE : Block.Kind.PARAGRAPH, el.text());
                }
                case "li" -> {
                    state.flushLoose();
                    state.add(Block.Kind.LIST_ITEM, "- " + el.text());
                }
                case "pre" -> {
                    state.flushLoose();
                    state.add(Block.Kind.CODE, el.wholeText());
                }
                case "table" -> {
                    state.flushLoose();
                    state.add(Block.Kind.TABLE, tableText(el));
                }
                case "br" -> state.loose.append('\n');
                default -> {
                    if (CONTAINERS.contains(tag) || tag.equals("ul") || tag.equals("ol")) {
                        walk(el, state);
                    } else {
                        state.loose.append(el.text()).append(' ');
                    }
                }
            }
        }
    }

    private static String tableText(Element table) {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (Element row : table.select("tr")) {
            List<String> cells = row.select("th, td").eachText();
            sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
            // a first row of <th> only is the header: ruled as Markdown and DOCX tables are (TableRows)
            if (first && !cells.isEmpty() && row.select("td").isEmpty()) sb.append(TableRows.rule(cells.size())).append('\n');
            first = false;
        }
        return sb.toString();
    }

    private static final class State {
        final StringBuilder text = new StringBuilder();
        final StringBuilder loose = new StringBuilder();
        final List<Block> blocks = new ArrayList<>();
        final List<String> path = new ArrayList<>();
        final int[] levels = new int[7];
        String firstH1 = "";
        int section;

        void heading(int level, String title) {
            if (title.isEmpty()) return;
            section++;
            if (level == 1 && firstH1.isEmpty()) firstH1 = title;
            while (!path.isEmpty() && levels[path.size()] >= level) path.removeLast();
            path.add(title);
            levels[path.size()] = level;
            append(title);
        }

        void flushLoose() {
            String s = loose.toString().strip();
            loose.setLength(0);
            if (!s.isEmpty()) add(Block.Kind.PARAGRAPH, s);
        }

        void add(Block.Kind kind, String raw) {
            String s = kind == Block.Kind.CODE || kind == Block.Kind.TABLE ? raw.strip() : raw.replaceAll("\\s+", " ").strip();
            if (s.isEmpty() || s.equals("-")) return;
            int start = append(s);
            blocks.add(new Block(kind, path, s, start, start + s.length(), section));
        }

        private int append(String s) {
            if (!text.isEmpty()) text.append("\n\n");
            int start = text.length();
            text.append(s);
            return start;
        }
    }
}
