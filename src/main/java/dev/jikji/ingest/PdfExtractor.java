package dev.jikji.ingest;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text layer of a PDF, page by page (pages separated by form feeds, see {@link PagedTextParser}),
 * with Apache PDFBox, under a {@link ParseBudget}. PDFBox buffers the file in temporary files (at most
 * {@code jikji.parsing.max-temp-storage}) rather than on the heap. Pages are those of the real page tree, walked
 * once: the declared {@code /Count} is never trusted (a 1 KB file can claim two billion pages).
 */
public final class PdfExtractor {

    /** Budget checks every this many glyphs or operators: cheap, and still many times a second. */
    private static final int CHECK_EVERY = 512;

    private PdfExtractor() {}

    public static String extract(Path file, ParseBudget budget) {
        MemoryUsageSetting memory = MemoryUsageSetting.setupTempFileOnly(budget.limits().maxTempBytes());
        try (PDDocument pdf = Loader.loadPDF(file.toFile(), memory.streamCache)) {
            budget.closeOnCancel(pdf);
            BudgetedStripper stripper = new BudgetedStripper(budget);
            stripper.setSortByPosition(true);
            stripper.writeText(pdf, stripper.buffer);
            List<String> pages = stripper.pages;
            if (pages.isEmpty()) throw new UnreadableDocumentException("the PDF has no pages");
            if (pages.stream().allMatch(String::isEmpty)) {
                throw new UnreadableDocumentException("the PDF has no text layer on any of its " + pages.size()
                        + " page(s): it looks scanned; run OCR on it first");
            }
            return String.join("\f", pages);
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException("the PDF is encrypted", e);
        } catch (IOException e) {
            budget.check(); // an abandoned parse sees its document closed: report the time limit, not the I/O error
            if (String.valueOf(e.getMessage()).contains("Maximum allowed scratch file memory")) {
                throw new ParseLimitExceededException(ParseLimit.TEMP_STORAGE, "the PDF needs more than "
                        + budget.limits().maxTempBytes() + " bytes of temporary storage");
            }
            throw new UnreadableDocumentException("not a readable PDF: " + e.getMessage(), e);
        } catch (IllegalStateException | IllegalArgumentException | ClassCastException | NullPointerException
                | IndexOutOfBoundsException e) {
            budget.check();
            // PDFBox throws these on some malformed structures; the file is at fault, not the service
            throw new UnreadableDocumentException("not a readable PDF: " + e.getMessage(), e);
        }
    }

    /** Strips one page at a time into {@link #pages}, checking the budget as it goes. */
    private static final class BudgetedStripper extends PDFTextStripper {
        private final ParseBudget budget;
        final StringWriter buffer = new StringWriter();
        final List<String> pages = new ArrayList<>();
        private int sinceCheck;

        BudgetedStripper(ParseBudget budget) {
            this.budget = budget;
        }

        @Override
        protected void startPage(PDPage page) throws IOException {
            budget.addPage();
            PDResources resources = page.getResources();
            if (resources != null) {
                int objects = 0;
                for (var ignored : resources.getXObjectNames()) objects++;
                budget.addEmbeddedObjects(objects);
            }
            buffer.getBuffer().setLength(0);
            super.startPage(page);
        }

        @Override
        protected void endPage(PDPage page) throws IOException {
            super.endPage(page);
            String text = buffer.toString().replace('\f', ' ').strip();
            buffer.getBuffer().setLength(0);
            pages.add(text);
        }

        @Override
        protected void processTextPosition(TextPosition text) {
            tick();
            budget.addCharacters(1);
            super.processTextPosition(text);
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            tick();
            super.processOperator(operator, operands);
        }

        private void tick() {
            if (++sinceCheck >= CHECK_EVERY) {
                sinceCheck = 0;
                budget.check();
            }
        }
    }
}
