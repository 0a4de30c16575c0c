package dev.jikji.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/** Builds the PDF and Word files the tests ingest, with known text in known places. */
public final class TestDocuments {

    private TestDocuments() {}

    /** One page per entry; each entry's lines are written top to bottom. An empty entry is a blank page. */
    /** The parser limits as configured by default (application.properties and the mapping's defaults). */
    public static ParseLimits defaultLimits() {
        return ParseLimits.from(dev.jikji.config.StandaloneConfig.load(java.util.Map.of(), java.util.Map.of()).parsing());
    }

    public static ParseBudget budget() {
        return ParseBudget.standalone(defaultLimits(), "test document");
    }

    public static Path pdf(Path file, List<List<String>> pages) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> lines : pages) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    if (lines.isEmpty()) {
                        cs.addRect(100, 100, 300, 400); // a drawing, no text: what a scan looks like
                        cs.fill();
                        continue;
                    }
                    cs.beginText();
                    cs.setFont(font, 12);
                    cs.newLineAtOffset(72, 720);
                    for (String line : lines) {
                        cs.showText(line);
                        cs.newLineAtOffset(0, -18);
                    }
                    cs.endText();
                }
            }
            doc.save(file.toFile());
        }
        return file;
    }

    /** A Word document: a title, two headed sections, a table. */
    public static Path docx(Path file) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
            paragraph(doc, "Title", "Travel Policy");
            paragraph(doc, "Heading1", "Booking");
            paragraph(doc, null, "Flights are booked through the travel desk at least two weeks ahead.");
            paragraph(doc, "Heading2", "Hotels");
            paragraph(doc, null, "Hotel nights are capped at 180 euros in capital cities.");
            paragraph(doc, "Heading1", "Expenses");
            XWPFTable table = doc.createTable(2, 2);
            table.getRow(0).getCell(0).setText("Item");
            table.getRow(0).getCell(1).setText("Limit");
            table.getRow(1).getCell(0).setText("Taxi");
            table.getRow(1).getCell(1).setText("40 euros per day");
            doc.write(out);
        }
        return file;
    }

    private static void paragraph(XWPFDocument doc, String style, String text) {
        XWPFParagraph p = doc.createParagraph();
        if (style != null) p.setStyle(style);
        p.createRun().setText(text);
    }
}
