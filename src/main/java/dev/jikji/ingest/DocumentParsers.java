package dev.jikji.ingest;

import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Every document parser (PDF, Word, HTML, Markdown, text) runs here: on a bounded pool of daemon threads, each
 * document under {@link ParseLimits}. A watchdog abandons a parse at its deadline: the caller gets a
 * {@link ParseLimitExceededException} at once, the parse's budget is cancelled (its thread interrupted, its next
 * check throws) and, if the parse is still running {@link #FORCE_CLOSE_AFTER_MS} later, its open file is closed so
 * that a read it is stuck in fails; so the thread and its memory are released; daemon threads never hold up shutdown.
 * A plain executor and a scheduler rather than a library: the cancellation has to reach into PDFBox.
 */
public final class DocumentParsers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DocumentParsers.class);

    /**
     * How long an abandoned parse gets to reach its next budget check before its file is closed under it. Closing at
     * once made PDFBox log an ERROR with a stack trace for every object it then failed to read (400 for a 400-page
     * PDF cut while its page tree was read), where a check a few milliseconds later ends the parse quietly.
     */
    static final long FORCE_CLOSE_AFTER_MS = 1_000;

    /** {@link #FORCE_CLOSE_AFTER_MS}; longer in a test that must tell a budget check's stop from a forced close. */
    long forceCloseAfterMs = FORCE_CLOSE_AFTER_MS;

    private final ParseLimits limits;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService watchdog;

    public DocumentParsers(ParseLimits limits) {
        this.limits = limits;
        this.pool = new ThreadPoolExecutor(limits.threads(), limits.threads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, limits.queueSize())), daemons("jikji-parser-"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemons("jikji-parser-watchdog-"));
    }

    public ParseLimits limits() {
        return limits;
    }

    /** The text of a file in a binary format (PDF, DOCX); throws {@link UnreadableDocumentException}. */
    public String extract(String contentType, Path file, String name) {
        return run(name, budget -> switch (contentType) {
            case ContentTypes.PDF -> PdfExtractor.extract(file, budget);
            case ContentTypes.DOCX -> DocxExtractor.extract(file, budget);
            default -> throw new IllegalArgumentException(contentType + " is not a binary format");
        });
    }

    /** A file's text: PDF and DOCX extracted, text decoded (UTF-8, UTF-16, CP949/EUC-KR), under the limits. */
    public String readFile(String contentType, Path file, String name) {
        if (ContentTypes.BINARY.contains(contentType)) return extract(contentType, file, name);
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new UnreadableDocumentException("the file could not be read", e);
        }
        String text = TextDecoder.decode(bytes).orElseThrow(() -> new UnreadableDocumentException(
                "not text in UTF-8, UTF-16 or a Korean legacy encoding (CP949/EUC-KR)"));
        ParseBudget.standalone(limits, name).addCharacters(text.length());
        return text;
    }

    /** Parses a document's text into blocks, under the same limits (its length counts as extracted characters). */
    public ParsedDocument parse(String contentType, String text, String name) {
        return run(name, budget -> {
            budget.addCharacters(text.length());
            return ContentTypes.parse(contentType, text);
        });
    }

    /** Parses running now (for tests and metrics). */
    public int active() {
        return pool.getActiveCount();
    }

    /** Documents waiting for a parser (for tests and metrics). */
    public int waiting() {
        return pool.getQueue().size();
    }

    <T> T run(String name, Function<ParseBudget, T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        ParseBudget budget = new ParseBudget(limits, name);
        long timeoutMs = limits.timeout().toMillis();
        // a document that cannot even start within the time limit is turned away rather than queued forever
        ScheduledFuture<?> queued = watchdog.schedule(() -> result.completeExceptionally(new ParserBusyException(
                "every document parser was busy for " + timeoutMs + " ms; retry later")), timeoutMs, TimeUnit.MILLISECONDS);
        try {
            pool.execute(() -> {
                queued.cancel(false);
                if (result.isDone()) return;
                budget.start(Thread.currentThread());
                ScheduledFuture<?> dog = watchdog.schedule(() -> {
                    if (result.completeExceptionally(budget.timeExceeded())) {
                        LOG.warnf("Parsing '%s' passed %d ms (jikji.parsing.timeout); abandoned", name, timeoutMs);
                        abandon(budget, name);
                    }
                }, timeoutMs, TimeUnit.MILLISECONDS);
                try {
                    result.complete(task.apply(budget));
                } catch (StackOverflowError e) {
                    result.completeExceptionally(new ParseLimitExceededException(ParseLimit.NESTING,
                            "'" + name + "' nests its objects too deeply to parse"));
                } catch (OutOfMemoryError e) {
                    result.completeExceptionally(new UnreadableDocumentException("'" + name + "' needs more memory than is free to parse"));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                } finally {
                    dog.cancel(false);
                    budget.finish();
                    Thread.interrupted(); // the pool thread goes back clean
                }
            });
        } catch (RejectedExecutionException e) {
            queued.cancel(false);
            throw new ParserBusyException("every document parser is busy and " + limits.queueSize()
                    + " documents are waiting (jikji.parsing.threads, queue-size); retry later");
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            abandon(budget, name);
            Thread.currentThread().interrupt();
            throw new ParserBusyException("interrupted while parsing '" + name + "'");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new UnreadableDocumentException("'" + name + "' could not be parsed", e.getCause());
        }
    }

    /** Cancels the parse now, and closes its file under it if it has not stopped {@link #forceCloseAfterMs} later. */
    private void abandon(ParseBudget budget, String name) {
        budget.cancel();
        try {
            watchdog.schedule(() -> {
                if (budget.forceClose()) {
                    LOG.warnf("Parsing '%s' did not stop %d ms after it was abandoned: its file is closed under it",
                            name, forceCloseAfterMs);
                }
            }, forceCloseAfterMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            budget.forceClose(); // shutting down: no later
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        watchdog.shutdownNow();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
