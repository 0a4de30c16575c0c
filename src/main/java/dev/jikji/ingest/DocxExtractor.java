package dev.jikji.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * A Word document as Markdown, with Apache POI: heading styles become Markdown headings (so chunks
 * keep their heading path), numbered and bulleted paragraphs list items, tables pipe tables. The
 * Markdown then goes through the same parser as any Markdown document. POI's own zip-bomb guards
 * (inflate ratio, entry size) apply while the package is opened; the {@link ParseBudget} counts pictures and
 * embedded parts and the characters written, and is checked between body elements.
 */
public final class DocxExtractor {

    private DocxExtractor() {}

    public static String extract(Path file, ParseBudget budget) {
        try (InputStream in = Files.newInputStream(file); XWPFDocument docx = new XWPFDocument(in)) {
            budget.closeOnCancel(docx);
            budget.check();
            budget.addEmbeddedObjects(docx.getAllPictures().size() + docx.getAllEmbeddedParts().size());
            StringBuilder md = new StringBuilder();
            for (IBodyElement element : docx.getBodyElements()) {
                budget.check();
                int before = md.length();
                if (element instanceof XWPFParagraph p) {
                    paragraph(p, md);
                } else if (element instanceof XWPFTable t) {
                    table(t, md);
                }
                budget.addCharacters(md.length() - before);
            }
            if (md.toString().isBlank()) throw new UnreadableDocumentException("the Word document holds no text");
            return md.toString();
        } catch (IOException | org.apache.poi.openxml4j.exceptions.OpenXML4JException | RuntimeException e) {
            if (e instanceof UnreadableDocumentException u) throw u;
            budget.check(); // an abandoned parse sees its document closed: report the time limit
            throw new UnreadableDocumentException("not a readable Word (.docx) document: " + e.getMessage(), e);
        }
    }

    private static void paragraph(XWPFParagraph p, StringBuilder md) {
        String text = p.getText().strip();
        if (text.isEmpty()) return;
        int level = headingLevel(p.getStyle());
        if (level > 0) {
            md.append("#".repeat(level)).append(' ').append(text).append("\n\n");
        } else if (p.getNumID() != null) {
            md.append("- ").append(text).append('\n');
        } else {
            md.append(text).append("\n\n");
        }
    }

    /**
     * Word's built-in style ids are "Title" and "Heading1".."Heading9" (display names are localised).
     * Title sits above Heading 1, so it becomes # and Heading N becomes N+1 #s (at most 6).
     */
    static int headingLevel(String style) {
        if (style == null) return 0;
        String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
        if (s.equals("title")) return 1;
        if (s.startsWith("heading") && s.length() > 7 && Character.isDigit(s.charAt(7))) {
            return Math.min(6, s.charAt(7) - '0' + 1);
        }
        return 0;
    }

    private static void table(XWPFTable table, StringBuilder md) {
        md.append('\n');
        List<XWPFTableRow> rows = table.getRows();
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = rows.get(r).getTableCells().stream()
                    .map(c -> c.getText().replace('|', '/').replace('\n', ' ').strip()).toList();
            md.append("| ").append(String.join(" | ", cells)).append(" |\n");
            if (r == 0) md.append(TableRows.rule(cells.size())).append('\n');
        }
        md.append('\n');
    }
}
