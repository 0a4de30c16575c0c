package dev.jikji.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryFormatsTest {

    static final TokenCounterWords WORDS = new TokenCounterWords();

    static final class TokenCounterWords implements dev.jikji.embed.TokenCounter {
        @Override
        public int count(String text) {
            return text.isBlank() ? 0 : text.strip().split("\\s+").length;
        }
    }

    @Test
    void pdfTextKeepsItsPages(@TempDir Path dir) throws Exception {
        Path pdf = TestDocuments.pdf(dir.resolve("manual.pdf"), List.of(
                List.of("Chapter one covers the installation of the gateway."),
                List.of("Chapter two explains the firewall rules.", "Port 8443 must stay open."),
                List.of("Chapter three lists the support contacts.")));
        String text = PdfExtractor.extract(pdf, TestDocuments.budget());
        String[] pages = text.split("\f", -1);
        assertThat(pages).hasSize(3);
        assertThat(pages[1]).contains("firewall rules").contains("Port 8443");
        assertThat(pages[0]).doesNotContain("firewall");

        List<Chunk> chunks = new Chunker(WORDS, 64, 0).chunk(ContentTypes.parse(ContentTypes.PDF, text));
        assertThat(chunks).hasSize(3);
        assertThat(chunks).extracting(Chunk::page).containsExactly(1, 2, 3);
        assertThat(chunks.get(1).text()).contains("Port 8443");
        assertThat(text.substring(chunks.get(2).start(), chunks.get(2).end())).isEqualTo(chunks.get(2).text());
    }

    @Test
    void chunksOfALongPageStayOnThatPage(@TempDir Path dir) throws Exception {
        List<String> many = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> "Sentence " + i + " of the long second page.").toList();
        Path pdf = TestDocuments.pdf(dir.resolve("long.pdf"), List.of(List.of("Short first page."), many.subList(0, 30)));
        List<Chunk> chunks = new Chunker(WORDS, 40, 8).chunk(ContentTypes.parse(ContentTypes.PDF, PdfExtractor.extract(pdf, TestDocuments.budget())));
        assertThat(chunks.getFirst().page()).isEqualTo(1);
        assertThat(chunks.subList(1, chunks.size())).hasSizeGreaterThan(2).allSatisfy(c -> assertThat(c.page()).isEqualTo(2));
    }

    @Test
    void scannedPdfIsReportedNotIndexedEmpty(@TempDir Path dir) throws Exception {
        Path pdf = TestDocuments.pdf(dir.resolve("scan.pdf"), List.of(List.of(), List.of()));
        assertThatThrownBy(() -> PdfExtractor.extract(pdf, TestDocuments.budget()))
                .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining("scanned").hasMessageContaining("2 page");
    }

    @Test
    void corruptPdfIsUnreadable(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.pdf"), "%PDF-1.7\nthis is not really a pdf\n");
        assertThatThrownBy(() -> PdfExtractor.extract(bad, TestDocuments.budget())).isInstanceOf(UnreadableDocumentException.class);
    }

    @Test
    void docxHeadingsBecomeTheHeadingPath(@TempDir Path dir) throws Exception {
        String md = DocxExtractor.extract(TestDocuments.docx(dir.resolve("travel.docx")), TestDocuments.budget());
        ParsedDocument doc = ContentTypes.parse(ContentTypes.DOCX, md);
        assertThat(doc.title()).isEqualTo("Travel Policy");
        List<Chunk> chunks = new Chunker(WORDS, 64, 0).chunk(doc);
        Chunk hotels = chunks.stream().filter(c -> c.text().contains("180 euros")).findFirst().orElseThrow();
        assertThat(hotels.headingPath()).containsExactly("Travel Policy", "Booking", "Hotels");
        Chunk table = chunks.stream().filter(c -> c.text().contains("Taxi")).findFirst().orElseThrow();
        assertThat(table.headingPath()).containsExactly("Travel Policy", "Expenses");
        assertThat(table.text()).contains("| Taxi | 40 euros per day |");
    }

    @Test
    void notADocxIsUnreadable(@TempDir Path dir) throws Exception {
        Path bad = Files.write(dir.resolve("bad.docx"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2, 3});
        assertThatThrownBy(() -> DocxExtractor.extract(bad, TestDocuments.budget())).isInstanceOf(UnreadableDocumentException.class);
    }
}
