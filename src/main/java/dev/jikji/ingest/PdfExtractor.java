package dev.jikji.ingest;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The text layer of a PDF, page by page (pages separated by form feeds, see {@link PagedTextParser}),
 * with Apache PDFBox. PDFBox buffers the file in temporary files rather than on the heap and the
 * text is stripped one page at a time, so a 500-page PDF needs no more memory than its text.
 */
public final class PdfExtractor {

    private PdfExtractor() {}

    public static String extract(Path file) {
        try (PDDocument pdf = Loader.loadPDF(file.toFile(), IOUtils.createTempFileOnlyStreamCache())) {
            int pages = pdf.getNumberOfPages();
            if (pages == 0) throw new UnreadableDocumentException("the PDF has no pages");
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            StringBuilder text = new StringBuilder();
            int withText = 0;
            for (int p = 1; p <= pages; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String page = stripper.getText(pdf).replace('\f', ' ').strip();
                if (!page.isEmpty()) withText++;
                if (p > 1) text.append('\f');
                text.append(page);
            }
            if (withText == 0) {
                throw new UnreadableDocumentException("the PDF has no text layer on any of its " + pages
                        + " page(s): it looks scanned; run OCR on it first");
            }
            return text.toString();
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException("the PDF is encrypted", e);
        } catch (IOException e) {
            throw new UnreadableDocumentException("not a readable PDF: " + e.getMessage(), e);
        }
    }
}
