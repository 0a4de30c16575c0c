package dev.jikji.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load run against a running server (not a test; run by {@code bin/load}): N concurrent clients, each on a
 * virtual thread, send search (most), ask and ingest requests for a fixed time, with questions from the QA
 * set, then print per endpoint the count, throughput, p50/p95/p99/max latency and the non-2xx and 5xx
 * responses. Exit status 1 when any response was a 5xx or a request failed to complete (connection error,
 * timeout); 2 for bad arguments.
 *
 * <pre>
 * bin/load [--server URL] [--seconds 60] [--warmup 15] [--clients 32] [--mix 80:10:10] [--questions FILE] [--seed 1] [--ingest-ids 100] [--api-key KEY]
 *          [--language en] [--bulk N]
 * </pre>
 *
 * {@code --warmup S} runs the same mix for S seconds first and reports it apart, not counted in the figures: a
 * JVM that has not compiled the search path yet answered its first seconds 10x slower (search p99 2.2 s in the first
 * 15 s against 0.15 s after), and that start-up cost is its own figure, not the steady state's ({@code --warmup 0}
 * counts it in).
 *
 * {@code --language} keeps only the questions of one language; {@code --bulk N} adds one more client that posts
 * NDJSON bulks of N documents (docs-corpus files with a changing line, ids {@code load/bulk-*}) back to back for
 * the whole run, reported as endpoint {@code bulk} with the chunks it indexed per second: search latency while a
 * bulk ingest runs, e.g. {@code --clients 1 --mix 100:0:0 --language en --bulk 20}.
 *
 * Ingest requests upsert documents {@code load/doc-0 … load/doc-(ingest-ids − 1)} with changing text, so the
 * index does not grow without bound; delete them afterwards with {@code bin/jikji docs list --prefix load/}
 * and {@code docs delete}. Only loopback servers are accepted unless {@code --allow-remote} is given.
 */
public final class LoadRun {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] ENDPOINTS = {"search", "ask", "ingest", "bulk"};

    /** Outcomes of one endpoint. */
    static final class Stats {
        final List<Long> micros = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger non2xx = new AtomicInteger();
        final AtomicInteger s5xx = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        /** Chunks the server reported indexing (bulk only). */
        final java.util.concurrent.atomic.AtomicLong chunks = new java.util.concurrent.atomic.AtomicLong();
    }

    public static void main(String[] args) throws Exception {
        String server = "http://localhost:8080";
        int seconds = 60;
        int warmup = 15;
        int clients = 32;
        int[] mix = {80, 10, 10};
        Path questionsFile = Path.of("src/test/resources/qa/questions.jsonl");
        long seed = 1;
        int ingestIds = 100;
        boolean allowRemote = false;
        String apiKey = System.getenv("JIKJI_API_KEY");
        String language = null;
        int bulk = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--server" -> server = args[++i];
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--mix" -> mix = Arrays.stream(args[++i].split(":")).mapToInt(Integer::parseInt).toArray();
                case "--questions" -> questionsFile = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--ingest-ids" -> ingestIds = Integer.parseInt(args[++i]);
                case "--allow-remote" -> allowRemote = true;
                case "--api-key" -> apiKey = args[++i];
                case "--language" -> language = args[++i];
                case "--bulk" -> bulk = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("bin/load [--server URL] [--seconds 60] [--warmup 15] [--clients 32] [--mix SEARCH:ASK:INGEST (80:10:10)]"
                            + " [--questions FILE] [--seed 1] [--ingest-ids 100] [--allow-remote] [--api-key KEY (or $JIKJI_API_KEY)]"
                            + " [--language en|ko] [--bulk DOCS-PER-REQUEST (one more client, NDJSON bulks back to back)]");
                    return;
                }
                default -> {
                    System.err.println("load: unknown argument " + args[i] + " (see --help)");
                    System.exit(2);
                }
            }
        }
        if (mix.length != 3 || Arrays.stream(mix).sum() <= 0 || Arrays.stream(mix).anyMatch(m -> m < 0)) {
            System.err.println("load: --mix takes three non-negative weights, search:ask:ingest");
            System.exit(2);
        }
        URI base = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        bearer = apiKey;
        if (!allowRemote && !isLoopback(base.getHost())) {
            System.err.println("load: " + base + " is not a loopback address; a load run is meant for a local server"
                    + " (--allow-remote to run it anyway)");
            System.exit(2);
        }
        List<String> questions = new ArrayList<>();
        for (String line : Files.readAllLines(questionsFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode node = JSON.readTree(line);
            JsonNode q = node.path("question");
            if (language != null && !language.equals(node.path("language").asText())) continue;
            if (q.isTextual()) questions.add(q.asText());
        }
        if (questions.isEmpty()) throw new IllegalStateException("no questions in " + questionsFile);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        check(http, base);

        Map<String, Stats> stats = new LinkedHashMap<>();
        Map<String, Stats> warm = new LinkedHashMap<>();
        for (String e : ENDPOINTS) {
            stats.put(e, new Stats());
            warm.put(e, new Stats());
        }
        System.out.printf(Locale.ROOT, "load: %s, %d clients, %d s, mix search:ask:ingest %d:%d:%d, %d questions%s, %d cores here%s%n",
                base, clients, seconds, mix[0], mix[1], mix[2], questions.size(), language == null ? "" : " (" + language + ")",
                Runtime.getRuntime().availableProcessors(), bulk > 0 ? ", plus one client posting bulks of " + bulk + " documents" : "");
        List<String> corpus = bulk > 0 ? corpusTexts() : List.of();

        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(Math.max(0, warmup));
        long deadline = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger ingestCounter = new AtomicInteger();
        final int[] weights = mix;
        final int ids = ingestIds;
        final int bulkDocs = bulk;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            if (bulkDocs > 0) {
                pool.submit(() -> {
                    for (int round = 0; System.nanoTime() < deadline; round++) {
                        send(http, bulkRequest(base, corpus, bulkDocs, round), into(measureFrom, warm, stats).get("bulk"));
                    }
                    return null;
                });
            }
            for (int c = 0; c < clients; c++) {
                Random random = new Random(seed * 1_000_003 + c);
                pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        int r = random.nextInt(weights[0] + weights[1] + weights[2]);
                        String endpoint = r < weights[0] ? "search" : r < weights[0] + weights[1] ? "ask" : "ingest";
                        String question = questions.get(random.nextInt(questions.size()));
                        HttpRequest request = switch (endpoint) {
                            case "search" -> post(base, "/api/v1/search", JSON.createObjectNode().put("query", question).put("topK", 5));
                            case "ask" -> post(base, "/api/v1/ask", JSON.createObjectNode().put("question", question).put("topK", 5));
                            default -> post(base, "/api/v1/documents", document(ingestCounter.getAndIncrement(), ids, question, random));
                        };
                        send(http, request, into(measureFrom, warm, stats).get(endpoint));
                    }
                    return null;
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(warmup + seconds + 120L, TimeUnit.SECONDS)) {
                System.err.println("load: requests still running 120 s after the end; giving up on them");
                pool.shutdownNow();
            }
        }
        boolean failed = false;
        if (warmup > 0) {
            System.out.printf(Locale.ROOT, "warm-up, first %d s (not counted below):%n", warmup);
            failed = report(warm, (measureFrom - start) / 1e9);
            System.out.println("measured:");
        }
        double elapsed = (System.nanoTime() - measureFrom) / 1e9;
        failed |= report(stats, elapsed);
        System.exit(failed ? 1 : 0);
    }

    /** The stats a request started now goes to: the warm-up's until {@code measureFrom}, then the measured ones. */
    static Map<String, Stats> into(long measureFrom, Map<String, Stats> warm, Map<String, Stats> measured) {
        return System.nanoTime() < measureFrom ? warm : measured;
    }

    static boolean isLoopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    static void check(HttpClient http, URI base) throws InterruptedException {
        // readiness is on the management interface: the same host, port QUARKUS_MANAGEMENT_PORT (default 9000)
        URI ready = URI.create(base.getScheme() + "://" + base.getHost() + ":"
                + System.getenv().getOrDefault("QUARKUS_MANAGEMENT_PORT", "9000") + "/q/health/ready");
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.err.println("load: " + ready + " answered " + r.statusCode() + ": " + r.body());
                System.exit(1);
            }
        } catch (IOException e) {
            // readiness is asked of the management port, not --server's: say which, since that is the usual mistake
            System.err.println("load: cannot reach readiness at " + ready + " (management port; set QUARKUS_MANAGEMENT_PORT"
                    + " to the server's quarkus.management.port): " + e);
            System.exit(1);
        }
    }

    /** Sent as a bearer token on every request when the server requires API keys (--api-key or $JIKJI_API_KEY). */
    static volatile String bearer;

    static HttpRequest post(URI base, String path, ObjectNode body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json").header("Accept", "application/json");
            if (bearer != null && !bearer.isBlank()) b.header("Authorization", "Bearer " + bearer);
            return b.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short Markdown document under one of a bounded set of ids, its text changing from request to request. */
    static ObjectNode document(int n, int ids, String question, Random random) {
        int slot = Math.floorMod(n, ids);
        String text = "# Load test note " + slot + "\n\n" + question + " This note was written by the load run, request "
                + n + ", value " + random.nextInt(1_000_000) + ". It repeats the question so that search has something to find.\n";
        ObjectNode d = JSON.createObjectNode().put("id", "load/doc-" + slot).put("contentType", "text/markdown").put("text", text);
        d.putObject("metadata").put("origin", "load-run");
        return d;
    }

    /** The Markdown files of docs-corpus/, the bulk's document texts. */
    static List<String> corpusTexts() throws IOException {
        List<String> out = new ArrayList<>();
        try (var files = Files.list(Path.of("docs-corpus"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                out.add(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        if (out.isEmpty()) throw new IllegalStateException("no Markdown files in docs-corpus/ (run from the repository root)");
        return out;
    }

    /** NDJSON of {@code docs} corpus documents, each with a line naming the round so that none is skipped as unchanged. */
    static HttpRequest bulkRequest(URI base, List<String> corpus, int docs, int round) {
        StringBuilder ndjson = new StringBuilder();
        for (int d = 0; d < docs; d++) {
            String text = corpus.get((round * docs + d) % corpus.size()) + "\n\nBulk load round " + round + ", document " + d + ".\n";
            ObjectNode doc = JSON.createObjectNode().put("id", "load/bulk-" + d).put("contentType", "text/markdown").put("text", text);
            doc.putObject("metadata").put("origin", "load-run");
            try {
                ndjson.append(JSON.writeValueAsString(doc)).append('\n');
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/v1/documents")).timeout(Duration.ofSeconds(600))
                .header("Content-Type", "application/x-ndjson").header("Accept", "application/json");
        if (bearer != null && !bearer.isBlank()) b.header("Authorization", "Bearer " + bearer);
        return b.POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build();
    }

    static void send(HttpClient http, HttpRequest request, Stats s) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long us = (System.nanoTime() - t0) / 1_000;
            s.micros.add(us);
            s.statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
            if (r.statusCode() / 100 != 2) s.non2xx.incrementAndGet();
            if (r.statusCode() / 100 == 2 && request.headers().firstValue("Content-Type").orElse("").contains("ndjson")) {
                for (JsonNode result : JSON.readTree(r.body()).path("results")) s.chunks.addAndGet(result.path("chunks").asLong());
            }
            if (r.statusCode() >= 500) {
                if (s.s5xx.incrementAndGet() <= 3) {
                    System.err.println("load: " + r.statusCode() + " from " + request.uri().getPath() + ": "
                            + new String(r.body(), StandardCharsets.UTF_8).lines().findFirst().orElse(""));
                }
            }
        } catch (IOException e) {
            if (s.errors.incrementAndGet() <= 3) System.err.println("load: " + request.uri().getPath() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints the table; true when any 5xx or failed request was seen. */
    static boolean report(Map<String, Stats> stats, double elapsed) {
        System.out.printf(Locale.ROOT, "%-8s %8s %8s %9s %9s %9s %9s %7s %5s %6s%n",
                "endpoint", "count", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "non-2xx", "5xx", "errors");
        boolean failed = false;
        long total = 0;
        for (var e : stats.entrySet()) {
            Stats s = e.getValue();
            long[] sorted;
            synchronized (s.micros) {
                sorted = s.micros.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            if (e.getKey().equals("bulk") && sorted.length == 0) continue;
            total += sorted.length;
            System.out.printf(Locale.ROOT, "%-8s %8d %8.1f %9.1f %9.1f %9.1f %9.1f %7d %5d %6d%n", e.getKey(), sorted.length,
                    sorted.length / elapsed, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                    sorted.length == 0 ? 0.0 : sorted[sorted.length - 1] / 1000.0, s.non2xx.get(), s.s5xx.get(), s.errors.get());
            if (s.non2xx.get() > 0) System.out.println("         statuses: " + new java.util.TreeMap<>(s.statuses));
            if (s.chunks.get() > 0) {
                System.out.printf(Locale.ROOT, "         %d chunks indexed, %.1f chunks/s over the run%n", s.chunks.get(), s.chunks.get() / elapsed);
            }
            failed |= s.s5xx.get() > 0 || s.errors.get() > 0;
        }
        System.out.printf(Locale.ROOT, "total    %8d %8.1f over %.1f s%s%n", total, total / elapsed, elapsed,
                failed ? "  FAILED: 5xx responses or failed requests" : "");
        return failed;
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
    }
}
