package dev.jikji.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted files against the parser limits: each is refused (or read) quickly, with the limit named, and the
 * parser thread comes back. Every file is built by the test itself.
 */
class ParserLimitsTest {

    private final List<DocumentParsers> opened = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        opened.forEach(DocumentParsers::close);
    }

    private DocumentParsers parsers(Duration timeout, int maxPages, int maxCharacters, int maxEmbedded, int threads, int queue) {
        DocumentParsers p = new DocumentParsers(new ParseLimits(timeout, maxPages, maxCharacters, maxEmbedded, 64L << 20, threads, queue));
        opened.add(p);
        return p;
    }

    private DocumentParsers defaults() {
        DocumentParsers p = new DocumentParsers(TestDocuments.defaultLimits());
        opened.add(p);
        return p;
    }

    private Path file(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void aPageTreeThatClaimsTwoBillionPagesIsReadAsTheTwoItHas() throws Exception {
        byte[] liar = RawPdf.lyingPageCount(2_000_000_000L);
        assertThat(liar.length).isLessThan(1500);
        long t0 = System.nanoTime();
        String text = defaults().extract(ContentTypes.PDF, file("liar.pdf", liar), "liar.pdf");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        String[] pages = text.split("\f", -1);
        assertThat(pages).hasSize(2);
        assertThat(pages[0]).contains("aardvark");
        assertThat(pages[1]).contains("zebra");
    }

    @Test
    void morePagesThanTheLimitIsRefusedNamingTheLimit() throws Exception {
        Path pdf = file("empty-pages.pdf", RawPdf.emptyPages(300));
        Throwable e = catchThrowable(() -> parsers(Duration.ofSeconds(30), 100, 1_000_000, 100, 1, 4)
                .extract(ContentTypes.PDF, pdf, "empty-pages.pdf"));
        assertThat(e).isInstanceOf(ParseLimitExceededException.class)
                .hasMessageContaining("empty-pages.pdf").hasMessageContaining("jikji.parsing.max-pages");
        assertThat(((ParseLimitExceededException) e).limit()).isEqualTo(ParseLimit.PAGES);
    }

    @Test
    void manyPagesOfNothingWithinTheLimitAreReportedAsScanned() throws Exception {
        Path pdf = file("nothing.pdf", RawPdf.emptyPages(1500));
        assertThatThrownBy(() -> defaults().extract(ContentTypes.PDF, pdf, "nothing.pdf"))
                .isInstanceOf(UnreadableDocumentException.class).isNotInstanceOf(ParseLimitExceededException.class)
                .hasMessageContaining("scanned").hasMessageContaining("1500 page");
    }

    @Test
    void deepNestingIsReadOrRefusedButNeverEscapes() throws Exception {
        Path pdf = file("deep.pdf", RawPdf.deepNesting(200_000));
        Throwable e = catchThrowable(() -> defaults().extract(ContentTypes.PDF, pdf, "deep.pdf"));
        // PDFBox may read the text or refuse the structure; what it must not do is crash the caller or hang
        if (e != null) assertThat(e).isInstanceOf(UnreadableDocumentException.class);
        assertThat(e).isNotInstanceOf(StackOverflowError.class);
    }

    @Test
    void aHugeImageIsNotDecodedForItsText() throws Exception {
        Path pdf = file("huge-image.pdf", RawPdf.hugeImage(100_000));
        long heapBefore = usedHeap();
        String text = defaults().extract(ContentTypes.PDF, pdf, "huge-image.pdf");
        assertThat(text).contains("tapir");
        // 100,000² RGB pixels would be 30 GB: nothing near that was allocated
        assertThat(usedHeap() - heapBefore).isLessThan(512L << 20);
    }

    @Test
    void moreImagesThanTheLimitIsRefused() throws Exception {
        Path pdf = file("gallery.pdf", RawPdf.manyImages(50));
        assertThatThrownBy(() -> parsers(Duration.ofSeconds(30), 100, 1_000_000, 20, 1, 4)
                .extract(ContentTypes.PDF, pdf, "gallery.pdf"))
                .isInstanceOf(ParseLimitExceededException.class).hasMessageContaining("gallery.pdf")
                .hasMessageContaining("jikji.parsing.max-embedded-objects");
        assertThat(defaults().extract(ContentTypes.PDF, pdf, "gallery.pdf")).contains("gazelle");
    }

    @Test
    void moreCharactersThanTheLimitIsRefusedForEveryFormat() throws Exception {
        DocumentParsers small = parsers(Duration.ofSeconds(30), 100, 40, 100, 1, 4);
        String longText = "The capybara enjoys long baths in warm springs every single winter morning.";
        for (String type : List.of(ContentTypes.MARKDOWN, ContentTypes.PLAIN, ContentTypes.HTML)) {
            assertThatThrownBy(() -> small.parse(type, longText, "long.txt")).as(type)
                    .isInstanceOf(ParseLimitExceededException.class).hasMessageContaining("jikji.parsing.max-characters");
        }
        Path pdf = TestDocuments.pdf(dir.resolve("long.pdf"), List.of(List.of(longText)));
        assertThatThrownBy(() -> small.extract(ContentTypes.PDF, pdf, "long.pdf"))
                .isInstanceOf(ParseLimitExceededException.class).hasMessageContaining("long.pdf");
        Path docx = TestDocuments.docx(dir.resolve("travel.docx"));
        assertThatThrownBy(() -> small.extract(ContentTypes.DOCX, docx, "travel.docx"))
                .isInstanceOf(ParseLimitExceededException.class).hasMessageContaining("travel.docx");
        Path txt = Files.writeString(dir.resolve("long.txt"), longText);
        assertThatThrownBy(() -> small.readFile(ContentTypes.PLAIN, txt, "long.txt"))
                .isInstanceOf(ParseLimitExceededException.class);
        assertThat(small.parse(ContentTypes.PLAIN, "Short text.", "short.txt").blocks()).isNotEmpty();
    }

    @Test
    void aParseOverItsTimeIsAbandonedAndItsThreadComesBack() throws Exception {
        List<List<String>> pages = new ArrayList<>();
        for (int p = 0; p < 400; p++) pages.add(List.of("Page " + p + " is about the pangolin and its armoured scales."));
        Path pdf = TestDocuments.pdf(dir.resolve("slow.pdf"), pages);
        DocumentParsers quick = parsers(Duration.ofMillis(20), 10_000, 10_000_000, 100, 1, 4);
        // a starved CI core can keep the parse from its next check for over a second: what is tested here is that
        // the check stops it, not how soon, so the forced close (the other test's subject) must not come first
        quick.forceCloseAfterMs = 8_000;
        List<java.util.logging.LogRecord> pdfboxErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler counter = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) pdfboxErrors.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger pdfbox = java.util.logging.Logger.getLogger("org.apache.pdfbox");
        pdfbox.addHandler(counter);
        long t0 = System.nanoTime();
        try {
            Throwable e = catchThrowable(() -> quick.extract(ContentTypes.PDF, pdf, "slow.pdf"));
            assertThat(e).isInstanceOf(ParseLimitExceededException.class).hasMessageContaining("slow.pdf")
                    .hasMessageContaining("jikji.parsing.timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            waitUntilIdle(quick);
        } finally {
            pdfbox.removeHandler(counter);
        }
        // it stopped at its next budget check, before its file was closed under it (closing at once cost 400 ERRORs)
        assertThat(pdfboxErrors).extracting(java.util.logging.LogRecord::getMessage).isEmpty();
        // the single thread is free again: a small document parses at once
        assertThat(quick.parse(ContentTypes.PLAIN, "Still working.", "after.txt").blocks()).isNotEmpty();
    }

    @Test
    void aParseThatNeverChecksItsBudgetHasItsFileClosedUnderItAMomentAfterTheDeadline() throws Exception {
        DocumentParsers quick = parsers(Duration.ofMillis(50), 100, 1_000, 100, 1, 1);
        CountDownLatch closed = new CountDownLatch(1);
        long[] closedAfterMs = {-1};
        long t0 = System.nanoTime();
        Throwable e = catchThrowable(() -> quick.run("stuck", budget -> {
            budget.closeOnCancel(() -> {
                closedAfterMs[0] = (System.nanoTime() - t0) / 1_000_000;
                closed.countDown();
            });
            // a read that neither checks the budget nor answers an interrupt: only closing its source ends it
            while (closed.getCount() > 0) {
                try {
                    closed.await();
                } catch (InterruptedException ignored) {
                    // ignored on purpose, as a blocked native read would
                }
            }
            return "read";
        }));
        assertThat(e).isInstanceOf(ParseLimitExceededException.class).hasMessageContaining("stuck");
        assertThat(closed.await(5, TimeUnit.SECONDS)).as("file closed after the grace").isTrue();
        assertThat(closedAfterMs[0]).isBetween(50 + DocumentParsers.FORCE_CLOSE_AFTER_MS - 20, 4_000L);
        waitUntilIdle(quick);
    }

    @Test
    void aFullPoolTurnsDocumentsAwayInsteadOfQueueingForever() throws Exception {
        DocumentParsers one = parsers(Duration.ofSeconds(5), 100, 1_000, 100, 1, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<String> running = callers.submit(() -> one.run("a", b -> {
                started.countDown();
                await(release);
                return "a";
            }));
            started.await();
            Future<String> queued = callers.submit(() -> one.run("b", b -> "b"));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            while (one.waiting() < 1 && System.nanoTime() < until) Thread.sleep(5); // b is in the queue (size 1)
            assertThat(one.waiting()).as("b queued").isEqualTo(1);
            assertThatThrownBy(() -> one.run("c", b -> "c")).isInstanceOf(ParserBusyException.class)
                    .hasMessageContaining("jikji.parsing.threads");
            release.countDown();
            assertThat(running.get()).isEqualTo("a");
            assertThat(queued.get()).isEqualTo("b");
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aParserThatIgnoresItsBudgetStillReleasesTheCaller() throws Exception {
        DocumentParsers one = parsers(Duration.ofMillis(200), 100, 1_000, 100, 1, 1);
        long t0 = System.nanoTime();
        // blocked in a wait that only an interrupt ends: the watchdog's interrupt releases the thread too
        assertThatThrownBy(() -> one.run("stuck.pdf", b -> {
            await(new CountDownLatch(1));
            return "never";
        })).isInstanceOf(ParseLimitExceededException.class).hasMessageContaining("stuck.pdf");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        waitUntilIdle(one);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void waitUntilIdle(DocumentParsers parsers) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (parsers.active() > 0 && System.nanoTime() < until) Thread.sleep(10);
        assertThat(parsers.active()).as("parser threads still busy after the time limit").isZero();
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
