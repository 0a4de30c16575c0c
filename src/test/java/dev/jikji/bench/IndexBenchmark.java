package dev.jikji.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.config.StandaloneConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.onnx.OnnxSessionFactory;
import dev.jikji.index.ChunkDocuments;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.IndexFields;
import dev.jikji.index.LuceneIndex;
import dev.jikji.ingest.Chunk;
import dev.jikji.ingest.Chunker;
import dev.jikji.ingest.ContentTypes;
import dev.jikji.ingest.CorpusSeeder;
import dev.jikji.ingest.DocumentInput;
import dev.jikji.ingest.ParsedDocument;
import dev.jikji.ingest.SentenceSplitter;
import dev.jikji.search.HybridSearcher;
import dev.jikji.search.QueryLanguage;
import dev.jikji.search.SearchFilter;
import dev.jikji.search.SearchQuery;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;

/**
 * Indexing and search benchmark over synthetic chunks made from docs-corpus/, run with {@code bin/bench}.
 * Not a test: a plain {@code main} that boots no Quarkus and drives the real {@link EmbeddingModels},
 * {@link Chunker}, {@link ChunkDocuments}, {@link LuceneIndex} and {@link HybridSearcher} directly.
 *
 * <p>After an untimed warm-up on a small scratch index, for each size N it builds a fresh index of N chunks
 * (20 per document) with precomputed vectors,
 * commits, closes (which waits for merges) and reopens it, then measures hybrid search latency and
 * HNSW recall@10 against brute force, and finally ingests {@code --embed-sample} new chunks with real
 * embedding into that index. Nothing is extrapolated: every rate is measured on the chunks it names.
 */
public final class IndexBenchmark {

    static final dev.jikji.ingest.DocumentParsers PARSERS =
            new dev.jikji.ingest.DocumentParsers(dev.jikji.ingest.TestDocuments.defaultLimits());

    private static final String USAGE = """
            usage: bin/bench [SIZES] [--embed-sample N] [--queries N] [--data DIR]
                             [--pool N] [--recall-queries N] [--mix X] [--noise X] [--seed N] [--chunks-per-doc N]
                             [--vector-sizes LIST] [--real N] [--english FILE] [--english-dir DIRS] [--english-questions FILE]
                             [--vector-queries N] [--vector-leg-only] [--korean FILE] [--korean-chunks N]
              SIZES              comma-separated chunk counts (default 10000,100000)
              --vector-sizes L   sizes for the vector leg's recall on real English embeddings (default 10000,100000; 0: skip)
              --real N           English sentence windows really embedded (default 10000, cached under target/bench-cache/);
                                 larger vector sizes are filled with vectors derived from them, and say so
              --real-budget S    seconds spent embedding them at most (default 1800); what is not embedded by then
                                 is left to a rerun (cached per block of 256) and derived vectors fill in, labelled
              --english FILE     English paragraphs, JSONL with title and text
                                 (default /work/shared/eval/xquad-en/corpus.jsonl, read at run time)
              --english-dir DIRS more English text when --real asks for more windows than --english and docs-corpus make:
                                 the documents of these folders, comma-separated (e.g. Debian's python3-doc,
                                 postgresql-doc-15 and git-doc: /usr/share/doc/python3-doc/html,...),
                                 cut into runs of 1-5 sentences; its section headings join the queries
              --english-questions FILE  English questions, JSONL with question
                                 (default /work/shared/eval/xquad-en/questions-dev.jsonl)
              --vector-queries N English questions for the vector leg's recall (default 200)
              --vector-leg-only  only the vector leg's recall, not the hybrid and ingest measurements
              --korean FILE      also measure the vector leg on a mixed index: the --real English windows plus Korean
                                 passages (JSONL with text, e.g. /work/shared/eval/korquad-v1-dev/corpus.jsonl) chunked
                                 as before issue 10, with and without Korean vectors
              --korean-chunks N  Korean chunks in that index (default 3000)
              --embed-sample N   chunks embedded for real for the embedding-included ingest rate (default 2000)
              --queries N        timed hybrid searches per size (default 200), after a warm-up of min(20, N)
              --data DIR         where the indexes go (kept); default a temp dir, deleted afterwards
              --pool N           distinct chunk texts embedded once to derive the precomputed vectors (default 2000)
              --recall-queries N query vectors for kNN recall@10 (default 100)
              --mix X            a chunk's vector is a pool vector of its corpus document moved up to this part of the way
                                 towards another one of it (default 0.5) ...
              --noise X          ... plus Gaussian noise of about this norm, then renormalised (default 0.02)
              --seed N           seed of every random choice (default 42)
              --chunks-per-doc N chunks per synthetic document (default 20)
            Settings of the service can be overridden with -Djikji.…=… in JIKJI_JVM_OPTS.""";

    private final Options opt;
    private final ObjectMapper json = new ObjectMapper();
    private final Path root;
    private final JikjiConfig config;
    private final EmbeddingModels models;
    private final Corpus corpus;

    private IndexBenchmark(Options opt, Path root) {
        this.opt = opt;
        this.root = root;
        this.config = config(root.resolve("models"));
        long t0 = System.nanoTime();
        this.models = new EmbeddingModels(config, json, OnnxSessionFactory.of(config));
        out("embedding model: %s, dimension %d, provider %s, batch %d, %d session(s), loaded in %.1f s",
                models.spec().name(), models.spec().dimension(), models.executionProvider(),
                config.embedding().batchSize(), config.embedding().sessions(), secs(System.nanoTime() - t0));
        Chunker chunker = new Chunker(models.tokenCounter(), config.chunking().targetTokens(),
                config.chunking().overlapTokens());
        out("settings: chunks of %d tokens with %d overlap, HNSW M=%d beamWidth=%d, search top %d from %d candidates per"
                + " leg, RRF k=%d, embedding batch %d, ONNX intra-op threads %s", config.chunking().targetTokens(),
                config.chunking().overlapTokens(), config.index().hnswM(), config.index().hnswBeamWidth(),
                config.search().defaultTopK(), config.search().candidates(), config.search().rrfK(),
                config.embedding().batchSize(),
                config.onnx().intraOpThreads() == 0 ? "ORT default" : config.onnx().intraOpThreads());
        this.corpus = Corpus.load(config.ingest().seedDir(), chunker);
        out("corpus %s: %d documents -> %d chunks (Chunker %d/%d tokens), %d distinct sentences, %.0f chars/chunk",
                config.ingest().seedDir(), corpus.docs.size(), corpus.chunkCount(), config.chunking().targetTokens(),
                config.chunking().overlapTokens(), corpus.sentenceCount(), corpus.meanChunkChars());
    }

    public static void main(String[] args) throws Exception {
        logToStderr();
        Options opt;
        try {
            opt = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        out("Jikji index benchmark: sizes %s, embed sample %d, queries %d, pool %d, recall queries %d, mix %.2f, noise %.3f,"
                + " seed %d", opt.sizes, opt.embedSample, opt.queries, opt.pool, opt.recallQueries, opt.mix, opt.noise,
                opt.seed);
        out("machine: %s", machine());
        boolean temp = opt.data == null;
        Path root = temp ? Files.createTempDirectory("jikji-bench") : opt.data.toAbsolutePath();
        Files.createDirectories(root);
        if (temp) {
            // also when stopped with Ctrl-C or kill, where the finally below does not run
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    deleteTree(root);
                } catch (IOException | UncheckedIOException ignored) {
                    // best effort on the way out
                }
            }));
        }
        out("data: %s%s", root, temp ? " (temporary, deleted at the end)" : " (kept)");
        List<Result> results = new ArrayList<>();
        try {
            results = new IndexBenchmark(opt, root).run();
        } finally {
            if (temp) deleteTree(root);
        }
        printTable(results);
    }

    private List<Result> run() throws IOException {
        if (!opt.vectorSizes.isEmpty() || opt.korean != null) {
            VectorLegBenchmark leg = new VectorLegBenchmark(config, models, json, root, opt.seed);
            List<VectorLegBenchmark.Row> legRows = new ArrayList<>(opt.korean != null
                    ? leg.runMixed(opt.korean, opt.koreanChunks, opt.real, opt.realBudget, opt.english, opt.englishQuestions,
                            opt.vectorQueries)
                    : List.of());
            if (!opt.vectorSizes.isEmpty()) legRows.addAll(leg.run(opt.vectorSizes, opt.real, opt.realBudget, opt.english, opt.englishDirs, opt.englishQuestions,
                    opt.vectorQueries));
            out("");
            out("=== vector leg summary (recall@10 against exact search, English questions) ===");
            for (VectorLegBenchmark.Row r : legRows) {
                out("%,9d chunks (%s): %d segments, largest %,d docs: recall@10 %.4f, leg p50 %.2f ms, p95 %.2f ms", r.size(),
                        r.label(), r.segments(), r.largestSegment(), r.recall(), r.p50(), r.p95());
            }
        }
        if (opt.vectorLegOnly) return List.of();
        Pool pool = embedPool();
        List<Question> questions = loadQuestions();
        List<RecallQuery> recallQueries = recallQueries(questions);
        warmUp(pool, questions);
        realRecall(pool, recallQueries);
        List<Result> results = new ArrayList<>();
        for (int size : opt.sizes) {
            results.add(runSize(size, pool, questions, recallQueries));
        }
        return results;
    }

    /**
     * Recall on real embeddings only: the pool's chunks with their own e5 vectors. The larger sizes use
     * derived vectors whose near-ties make set recall look worse than the search is.
     */
    private void realRecall(Pool pool, List<RecallQuery> recallQueries) throws IOException {
        out("");
        out("=== real embeddings: the %,d pool chunks with their own vectors ===", pool.vectors().size());
        LuceneIndex index = new LuceneIndex(config(root.resolve("real-pool")), models, json);
        float[][] vectors = pool.vectors().toArray(new float[0][]);
        Map<String, Integer> ordinalOf = new HashMap<>();
        int k = 0;
        for (SynthDoc d : pool.docs()) {
            List<float[]> vs = pool.vectors().subList(k, k + d.chunks.size());
            for (Chunk c : d.chunks) ordinalOf.put(ChunkDocuments.chunkId(d.id, c.ordinal()), k++);
            index.replace(d.id, ChunkDocuments.build(dev.jikji.ingest.IndexedDocuments.of(d.record, "{}", d.original, d.chunks, vs)));
        }
        index.commit();
        recall(index, vectors, ordinalOf, recallQueries, new Result(vectors.length));
        index.close();
    }

    /** Untimed: indexing and searching a small scratch index first, so the first size is not measured on a cold JIT. */
    private void warmUp(Pool pool, List<Question> questions) throws IOException {
        long t0 = System.nanoTime();
        int size = 2000;
        Path dir = root.resolve("warm-up");
        JikjiConfig cfg = config(dir);
        SplittableRandom rng = new SplittableRandom(opt.seed - 1);
        LuceneIndex index = new LuceneIndex(cfg, models, json);
        for (SynthDoc d : corpus.generate("w", size, opt.chunksPerDoc, rng)) {
            List<float[]> vectors = new ArrayList<>();
            for (int i = 0; i < d.chunks.size(); i++) vectors.add(perturbed(pool, d.source, opt.mix, opt.noise, rng));
            index.replace(d.id, ChunkDocuments.build(dev.jikji.ingest.IndexedDocuments.of(d.record, "{}", d.original, d.chunks, vectors)));
        }
        index.commit();
        HybridSearcher searcher = new HybridSearcher(index, models, cfg);
        for (int i = 0; i < 40; i++) {
            searcher.search(new SearchQuery(questions.get(i % questions.size()).text, 10, SearchFilter.NONE));
        }
        index.close();
        deleteTree(dir);
        out("warm-up (not timed): %,d chunks indexed and 40 searches in %.1f s", size, secs(System.nanoTime() - t0));
    }

    // ---------------------------------------------------------------------------------------------
    // Precomputed vectors

    /** Embeddings of distinct synthetic chunks, grouped by the corpus document their text came from. */
    private record Pool(List<float[]> vectors, List<List<float[]>> bySource, List<SynthDoc> docs) {}

    private Pool embedPool() {
        List<SynthDoc> docs = corpus.generate("pool", opt.pool, opt.chunksPerDoc, new SplittableRandom(opt.seed * 31 + 7));
        List<TextSegment> segments = new ArrayList<>();
        List<Integer> sources = new ArrayList<>();
        for (SynthDoc d : docs) {
            for (Chunk c : d.chunks) {
                segments.add(TextSegment.from(c.contextualText(d.title)));
                sources.add(d.source);
            }
        }
        long t0 = System.nanoTime();
        List<float[]> vectors = new ArrayList<>(segments.size());
        for (int from = 0; from < segments.size(); from += 256) {
            List<TextSegment> batch = segments.subList(from, Math.min(segments.size(), from + 256));
            models.passageModel().embedAll(batch).content().forEach(e -> vectors.add(e.vector()));
        }
        long ns = System.nanoTime() - t0;
        List<List<float[]>> bySource = new ArrayList<>();
        for (int s = 0; s < corpus.docs.size(); s++) bySource.add(new ArrayList<>());
        for (int i = 0; i < vectors.size(); i++) bySource.get(sources.get(i)).add(vectors.get(i));
        out("vector pool: %d distinct synthetic chunks embedded in %.1f s (%.1f chunks/s, embedding only, lists of 256)",
                vectors.size(), secs(ns), vectors.size() / secs(ns));
        Pool pool = new Pool(vectors, bySource, docs);
        describe(pool);
        return pool;
    }

    /** How spread the pool is, next to how far a perturbed copy moves from its pool vector. */
    private void describe(Pool pool) {
        List<float[]> v = pool.vectors;
        if (v.size() < 2) return;
        SplittableRandom rng = new SplittableRandom(opt.seed);
        double random = 0;
        int pairs = 2000;
        for (int i = 0; i < pairs; i++) {
            int a = rng.nextInt(v.size());
            int b = rng.nextInt(v.size() - 1);
            random += dot(v.get(a), v.get(b >= a ? b + 1 : b));
        }
        double nearest = 0;
        int probes = Math.min(200, v.size());
        for (int i = 0; i < probes; i++) {
            int a = rng.nextInt(v.size());
            double best = -1;
            for (int b = 0; b < v.size(); b++) if (b != a) best = Math.max(best, dot(v.get(a), v.get(b)));
            nearest += best;
        }
        double copy = 0;
        int samples = 0;
        for (int source = 0; source < pool.bySource.size(); source++) {
            List<float[]> own = pool.bySource.get(source);
            for (int i = 0; i < 20 && own.size() > 1; i++, samples++) {
                float[] a = own.get(rng.nextInt(own.size()));
                float[] p = perturb(a, own.get(rng.nextInt(own.size())), rng.nextDouble() * opt.mix, opt.noise, rng);
                copy += dot(a, p);
            }
        }
        out("pool spread: mean cosine of random pairs %.3f, of each vector's nearest other %.3f; a derived vector"
                + " (mix %.2f, noise %.3f) keeps cosine %.3f with the pool vector it starts from", random / pairs,
                nearest / probes, opt.mix, opt.noise, samples == 0 ? Double.NaN : copy / samples);
    }

    /**
     * A vector for a synthetic chunk of {@code source}: a pool vector of that corpus document moved a random part
     * (up to {@code mix}) of the way towards another one of it, plus Gaussian noise of norm about {@code noise},
     * renormalised. Moving between real embeddings keeps the vectors in the narrow cone e5 puts passages in, as
     * a chunk mixing the sentences of two chunks would be; isotropic noise alone would either leave clusters of
     * near-duplicates (small noise) or, once larger than the gaps between real embeddings, make the set
     * random-like, and both make HNSW look worse than on real text.
     */
    private static float[] perturbed(Pool pool, int source, double mix, double noise, SplittableRandom rng) {
        List<float[]> candidates = pool.bySource.get(source).size() < 2 ? pool.vectors : pool.bySource.get(source);
        float[] a = candidates.get(rng.nextInt(candidates.size()));
        float[] b = candidates.get(rng.nextInt(candidates.size()));
        return perturb(a, b, rng.nextDouble() * mix, noise, rng);
    }

    static float[] perturb(float[] a, float[] b, double t, double noise, SplittableRandom rng) {
        float[] v = new float[a.length];
        double scale = noise / Math.sqrt(a.length);
        for (int i = 0; i < v.length; i++) v[i] = (float) ((1 - t) * a[i] + t * b[i] + rng.nextGaussian() * scale);
        normalize(v);
        return v;
    }

    // ---------------------------------------------------------------------------------------------
    // One size

    private Result runSize(int size, Pool pool, List<Question> questions, List<RecallQuery> recallQueries)
            throws IOException {
        out("");
        out("=== %,d chunks ===", size);
        Path dir = root.resolve("n" + size);
        if (Files.exists(dir)) {
            throw new IllegalStateException(dir + " already exists; remove it or pass another --data");
        }
        JikjiConfig cfg = config(dir);
        Result r = new Result(size);

        long t0 = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(opt.seed + size);
        List<SynthDoc> docs = corpus.generate("b" + size, size, opt.chunksPerDoc, rng);
        float[][] vectors = new float[size][];
        Map<String, Integer> ordinalOf = new HashMap<>(size * 2);
        int k = 0;
        long textChars = 0;
        for (SynthDoc d : docs) {
            for (Chunk c : d.chunks) {
                vectors[k] = perturbed(pool, d.source, opt.mix, opt.noise, rng);
                ordinalOf.put(ChunkDocuments.chunkId(d.id, c.ordinal()), k++);
                textChars += c.text().length();
            }
        }
        out("generated %,d documents, %,d chunks (%.0f chars/chunk) and their vectors in %.1f s",
                docs.size(), size, (double) textChars / size, secs(System.nanoTime() - t0));

        // Vector-only ingest: every chunk, precomputed vectors, one writer thread as IngestService.
        LuceneIndex index = new LuceneIndex(cfg, models, json);
        long tw = System.nanoTime();
        k = 0;
        for (SynthDoc d : docs) {
            List<float[]> vs = Arrays.asList(vectors).subList(k, k + d.chunks.size());
            k += d.chunks.size();
            index.replace(d.id, ChunkDocuments.build(dev.jikji.ingest.IndexedDocuments.of(d.record, "{}", d.original, d.chunks, vs)));
        }
        long writeNs = System.nanoTime() - tw;
        long tc = System.nanoTime();
        index.commit();
        long commitNs = System.nanoTime() - tc;
        long tclose = System.nanoTime();
        index.close();
        long closeNs = System.nanoTime() - tclose;
        r.vectorOnlyRate = size / secs(writeNs + commitNs);
        r.commitMs = ms(commitNs);
        r.closeMs = ms(closeNs);
        out("vector-only ingest: %,d chunks written in %.1f s + commit %.1f s = %.0f chunks/s (1 writer thread)",
                size, secs(writeNs), secs(commitNs), r.vectorOnlyRate);
        out("close (waits for background merges, final commit): %.1f s", secs(closeNs));

        long to = System.nanoTime();
        index = new LuceneIndex(cfg, models, json);
        long openNs = System.nanoTime() - to;
        int chunks = index.countChunks();
        if (chunks != size) throw new IllegalStateException("index holds " + chunks + " chunks, expected " + size);
        r.segments = index.withSearcher(s -> s.getIndexReader().leaves().size());
        r.diskMb = directorySize(index.path()) / 1e6;
        out("reopened in %.2f s: %,d documents, %,d chunks, %d segments, %.1f MB on disk (%.0f bytes/chunk)",
                secs(openNs), index.countDocuments(), chunks, r.segments, r.diskMb, r.diskMb * 1e6 / size);

        searchLatency(index, cfg, questions, r);
        recall(index, vectors, ordinalOf, recallQueries, r);
        embeddedIngest(index, size, r);
        index.close();
        System.gc();
        r.heapAfterMb = usedHeapMb();
        // measured while the generated texts and vectors are still held, as they are until here
        java.lang.ref.Reference.reachabilityFence(docs);
        java.lang.ref.Reference.reachabilityFence(vectors);
        out("heap used after GC, index closed, this size's generated texts and vectors still held: %.0f MB", r.heapAfterMb);
        return r;
    }

    private void searchLatency(LuceneIndex index, JikjiConfig cfg, List<Question> questions, Result r) {
        HybridSearcher searcher = new HybridSearcher(index, models, cfg);
        int topK = cfg.search().defaultTopK();
        int warmup = Math.min(20, opt.queries);
        for (int i = 0; i < warmup; i++) {
            searcher.search(new SearchQuery(questions.get(i % questions.size()).text, topK, SearchFilter.NONE));
        }
        long[] all = new long[opt.queries];
        List<Long> ko = new ArrayList<>();
        List<Long> en = new ArrayList<>();
        int vectorLegs = 0;
        for (int i = 0; i < opt.queries; i++) {
            Question q = questions.get(i % questions.size());
            long t0 = System.nanoTime();
            var result = searcher.search(new SearchQuery(q.text, topK, SearchFilter.NONE));
            long ns = System.nanoTime() - t0;
            all[i] = ns;
            (q.language.equals("ko") ? ko : en).add(ns);
            if (result.retrieval().legs().get(1).ran()) vectorLegs++;
        }
        r.p50 = percentileMs(all, 50);
        r.p95 = percentileMs(all, 95);
        r.p99 = percentileMs(all, 99);
        long[] koNs = ko.stream().mapToLong(Long::longValue).toArray();
        long[] enNs = en.stream().mapToLong(Long::longValue).toArray();
        out("hybrid search, top %d, %d queries (%d ko, %d en) after %d warm-up, 1 thread: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                topK, opt.queries, koNs.length, enNs.length, warmup, r.p50, r.p95, r.p99, percentileMs(all, 100));
        if (koNs.length > 0) {
            out("  ko: p50 %.1f ms, p95 %.1f ms", percentileMs(koNs, 50), percentileMs(koNs, 95));
        }
        if (enNs.length > 0) {
            out("  en: p50 %.1f ms, p95 %.1f ms", percentileMs(enNs, 50), percentileMs(enNs, 95));
        }
        out("  vector leg ran for %d of %d queries (the model declares %s; uncovered-language weight %s)",
                vectorLegs, opt.queries, models.spec().languages(), cfg.search().uncoveredLanguageVectorWeight());
    }

    private void recall(LuceneIndex index, float[][] vectors, Map<String, Integer> ordinalOf, List<RecallQuery> queries,
            Result r) {
        int k = 10;
        int candidates = config.search().candidates();
        double sum10 = 0;
        double sumCand = 0;
        long[] knnNs = new long[queries.size()];
        long exactNs = 0;
        Map<String, double[]> byGroup = new java.util.TreeMap<>();
        double cosExact = 0;
        double cos10 = 0;
        double cosCand = 0;
        for (int qi = 0; qi < queries.size(); qi++) {
            float[] q = queries.get(qi).vector;
            long t0 = System.nanoTime();
            Set<Integer> exact = exactTopK(vectors, q, k);
            exactNs += System.nanoTime() - t0;
            long t1 = System.nanoTime();
            Set<Integer> hnsw = index.withSearcher(s -> topIds(s, q, k, k, ordinalOf));
            knnNs[qi] = System.nanoTime() - t1;
            Set<Integer> hnswCand = index.withSearcher(s -> topIds(s, q, candidates, k, ordinalOf));
            cosExact += meanCosine(vectors, exact, q);
            cos10 += meanCosine(vectors, hnsw, q);
            cosCand += meanCosine(vectors, hnswCand, q);
            double r10 = overlap(exact, hnsw) / (double) k;
            double rCand = overlap(exact, hnswCand) / (double) k;
            sum10 += r10;
            sumCand += rCand;
            double[] g = byGroup.computeIfAbsent(queries.get(qi).group, x -> new double[3]);
            g[0] += r10;
            g[1] += rCand;
            g[2]++;
        }
        // Stored vectors queried back must be found (a near-duplicate may outrank one): checks the hit -> vector mapping.
        int self = 0;
        int probes = Math.min(20, vectors.length);
        for (int i = 0; i < probes; i++) {
            int target = (int) ((long) i * vectors.length / probes);
            float[] q = vectors[target];
            if (index.withSearcher(s -> topIds(s, q, 10, 10, ordinalOf)).contains(target)) self++;
        }
        r.recall10 = sum10 / queries.size();
        r.recallCand = sumCand / queries.size();
        out("kNN recall@10 over %d query vectors vs exact cosine over all %,d vectors: %.4f with k=10, %.4f with k=%d"
                + " (the search's candidates) cut to 10", queries.size(), vectors.length, r.recall10, r.recallCand,
                candidates);
        StringBuilder groups = new StringBuilder();
        byGroup.forEach((name, g) -> groups.append(groups.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
                "%d %s: %.3f / %.3f", (int) g[2], name, g[0] / g[2], g[1] / g[2])));
        out("  by query kind (k=10 / k=%d): %s", candidates, groups);
        out("  mean cosine of the 10 returned: exact %.4f, HNSW k=10 %.4f, k=%d %.4f",
                cosExact / queries.size(), cos10 / queries.size(), candidates, cosCand / queries.size());
        out("  KnnFloatVectorQuery k=10 alone: p50 %.2f ms, p95 %.2f ms; brute force in Java: %.1f ms/query",
                percentileMs(knnNs, 50), percentileMs(knnNs, 95), exactNs / 1e6 / queries.size());
        out("  self-check: %d of %d stored vectors, queried back with k=10, were found", self, probes);
    }

    private static Set<Integer> topIds(IndexSearcher s, float[] q, int k, int keep, Map<String, Integer> ordinalOf)
            throws IOException {
        Set<Integer> ids = new LinkedHashSet<>();
        ScoreDoc[] hits = s.search(new KnnFloatVectorQuery(IndexFields.VECTOR, q, k), k).scoreDocs;
        for (int i = 0; i < Math.min(keep, hits.length); i++) {
            String chunkId = s.storedFields().document(hits[i].doc, Set.of(IndexFields.CHUNK_ID)).get(IndexFields.CHUNK_ID);
            Integer ord = ordinalOf.get(chunkId);
            if (ord == null) throw new IllegalStateException("kNN hit " + chunkId + " is not a generated chunk");
            ids.add(ord);
        }
        return ids;
    }

    /** The k stored vectors of highest cosine with q (all vectors are unit length, so the dot product). */
    static Set<Integer> exactTopK(float[][] vectors, float[] q, int k) {
        int[] best = new int[k];
        float[] bestScore = new float[k];
        Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
        Arrays.fill(best, -1);
        for (int i = 0; i < vectors.length; i++) {
            float[] v = vectors[i];
            float dot = 0;
            for (int d = 0; d < v.length; d++) dot += v[d] * q[d];
            if (dot <= bestScore[k - 1]) continue;
            int pos = k - 1;
            while (pos > 0 && bestScore[pos - 1] < dot) {
                bestScore[pos] = bestScore[pos - 1];
                best[pos] = best[pos - 1];
                pos--;
            }
            bestScore[pos] = dot;
            best[pos] = i;
        }
        Set<Integer> out = new LinkedHashSet<>();
        for (int i : best) if (i >= 0) out.add(i);
        return out;
    }

    private static double meanCosine(float[][] vectors, Set<Integer> ids, float[] q) {
        double sum = 0;
        for (int i : ids) sum += dot(vectors[i], q);
        return ids.isEmpty() ? Double.NaN : sum / ids.size();
    }

    private static int overlap(Set<Integer> a, Set<Integer> b) {
        int n = 0;
        for (Integer x : b) if (a.contains(x)) n++;
        return n;
    }

    /** New documents through the service's path: passage embedding per document, then the index write, then a commit. */
    private void embeddedIngest(LuceneIndex index, int size, Result r) {
        if (opt.embedSample == 0) return;
        List<SynthDoc> docs = corpus.generate("e" + size, opt.embedSample, opt.chunksPerDoc,
                new SplittableRandom(opt.seed * 17 + size));
        long embedNs = 0;
        long writeNs = 0;
        for (SynthDoc d : docs) {
            long t0 = System.nanoTime();
            List<TextSegment> segments = d.chunks.stream().map(c -> TextSegment.from(c.contextualText(d.title))).toList();
            List<float[]> vectors = models.passageModel().embedAll(segments).content().stream()
                    .map(Embedding::vector).toList();
            long t1 = System.nanoTime();
            index.replace(d.id, ChunkDocuments.build(dev.jikji.ingest.IndexedDocuments.of(d.record, "{}", d.original, d.chunks, vectors)));
            long t2 = System.nanoTime();
            embedNs += t1 - t0;
            writeNs += t2 - t1;
        }
        long tc = System.nanoTime();
        index.commit();
        long commitNs = System.nanoTime() - tc;
        r.embeddedRate = opt.embedSample / secs(embedNs + writeNs + commitNs);
        out("ingest with embedding: %,d new chunks (%d document(s)) into the %,d-chunk index: embed %.1f s + write %.2f s"
                + " + commit %.2f s = %.1f chunks/s (embedding alone %.1f chunks/s)", opt.embedSample, docs.size(), size,
                secs(embedNs), secs(writeNs), secs(commitNs), r.embeddedRate, opt.embedSample / secs(embedNs));
    }

    // ---------------------------------------------------------------------------------------------
    // Queries

    private record Question(String text, String language) {}

    /** Korean and English eval questions, interleaved so that any prefix is a mix; cycled when more are asked for. */
    private List<Question> loadQuestions() {
        List<String> ko = readQuestions("qa-ko.jsonl");
        List<String> en = readQuestions("qa-en.jsonl");
        List<Question> out = new ArrayList<>();
        for (int i = 0; i < Math.max(ko.size(), en.size()); i++) {
            if (i < ko.size()) out.add(new Question(ko.get(i), QueryLanguage.detect(ko.get(i)).code()));
            if (i < en.size()) out.add(new Question(en.get(i), QueryLanguage.detect(en.get(i)).code()));
        }
        if (out.isEmpty()) throw new IllegalStateException("no eval questions found");
        out("queries: %d Korean and %d English eval questions, interleaved and cycled", ko.size(), en.size());
        return out;
    }

    private List<String> readQuestions(String name) {
        List<String> out = new ArrayList<>();
        try (InputStream in = openEval(name);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode node = json.readTree(line);
                out.add(node.get("question").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read eval questions " + name, e);
        }
        return out;
    }

    private static InputStream openEval(String name) throws IOException {
        InputStream in = IndexBenchmark.class.getResourceAsStream("/eval/" + name);
        return in != null ? in : Files.newInputStream(Path.of("src/test/resources/eval", name));
    }

    private record RecallQuery(float[] vector, String group) {}

    /** Query vectors for recall: the eval questions first, then corpus sentences, all through the query model. */
    private List<RecallQuery> recallQueries(List<Question> questions) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < Math.min(opt.recallQueries, questions.size()); i++) texts.add(questions.get(i).text);
        List<String> sentences = corpus.allSentences();
        SplittableRandom rng = new SplittableRandom(opt.seed * 13 + 5);
        while (texts.size() < opt.recallQueries) texts.add(sentences.get(rng.nextInt(sentences.size())));
        List<Embedding> vectors = models.queryModel().embedAll(texts.stream().map(TextSegment::from).toList()).content();
        int questionCount = Math.min(opt.recallQueries, questions.size());
        List<RecallQuery> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out.add(new RecallQuery(vectors.get(i).vector(), QueryLanguage.detect(texts.get(i))
                    + (i < questionCount ? " questions" : " corpus sentences")));
        }
        out("recall query vectors: %d (%d eval questions, %d corpus sentences), query model",
                out.size(), Math.min(opt.recallQueries, questions.size()),
                out.size() - Math.min(opt.recallQueries, questions.size()));
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Synthetic documents

    /** A synthetic document: its chunks, its record and the original kept in the index, like IngestService writes. */
    private record SynthDoc(String id, String title, int source, List<Chunk> chunks, DocumentRecord record, String original) {}

    private record SourceDoc(String id, String title, List<Chunk> chunks, List<String> sentences) {}

    /** docs-corpus/ read by the real seeder code, parsed and chunked by the real Chunker, then split into sentences. */
    private static final class Corpus {
        final List<SourceDoc> docs;
        private final ObjectMapper json = new ObjectMapper();

        private Corpus(List<SourceDoc> docs) {
            this.docs = docs;
        }

        static Corpus load(Path dir, Chunker chunker) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("corpus folder " + dir.toAbsolutePath() + " not found; run from the repository root");
            }
            List<SourceDoc> docs = new ArrayList<>();
            for (DocumentInput input : CorpusSeeder.read(dir, PARSERS)) {
                ParsedDocument parsed = ContentTypes.parse(input.contentType(), input.text());
                String title = parsed.title() != null ? parsed.title() : input.id();
                List<Chunk> chunks = chunker.chunk(parsed);
                Set<String> sentences = new LinkedHashSet<>();
                for (Chunk c : chunks) {
                    for (String s : SentenceSplitter.sentences(c.text())) {
                        if (s.strip().length() >= 2) sentences.add(s.strip());
                    }
                }
                if (!chunks.isEmpty()) docs.add(new SourceDoc(input.id(), title, chunks, List.copyOf(sentences)));
            }
            if (docs.isEmpty()) throw new IllegalStateException("no chunkable document in " + dir.toAbsolutePath());
            return new Corpus(docs);
        }

        int chunkCount() {
            return docs.stream().mapToInt(d -> d.chunks.size()).sum();
        }

        int sentenceCount() {
            return docs.stream().mapToInt(d -> d.sentences.size()).sum();
        }

        double meanChunkChars() {
            return docs.stream().flatMap(d -> d.chunks.stream()).mapToInt(c -> c.text().length()).average().orElse(0);
        }

        List<String> allSentences() {
            return docs.stream().flatMap(d -> d.sentences.stream()).toList();
        }

        /**
         * {@code chunks} chunks in documents of {@code perDoc}. Each document copies one corpus document's title;
         * each chunk copies the heading path and length of one of its real chunks, filled with sentences drawn
         * from the same corpus document (so a chunk stays in one language and topic).
         */
        List<SynthDoc> generate(String prefix, int chunks, int perDoc, SplittableRandom rng) {
            List<SynthDoc> out = new ArrayList<>();
            Instant now = Instant.now();
            byte[] hash = new byte[32];
            for (int d = 0, made = 0; made < chunks; d++) {
                int source = rng.nextInt(docs.size());
                SourceDoc src = docs.get(source);
                String id = prefix + "-doc-" + d;
                int n = Math.min(perDoc, chunks - made);
                List<Chunk> list = new ArrayList<>(n);
                StringBuilder original = new StringBuilder();
                int offset = 0;
                for (int o = 0; o < n; o++) {
                    Chunk template = src.chunks.get(rng.nextInt(src.chunks.size()));
                    String text = fill(src.sentences, template.text().length(), rng);
                    int tokens = Math.max(1, Math.round(template.tokens() * (float) text.length() / template.text().length()));
                    list.add(new Chunk(o, template.headingPath(), text, offset, offset + text.length(), tokens));
                    original.append(text).append("\n\n");
                    offset += text.length() + 2;
                }
                made += n;
                for (int i = 0; i < hash.length; i++) hash[i] = (byte) rng.nextInt(256);
                String sourcePath = "bench/" + id + ".md";
                DocumentInput input = new DocumentInput(id, null, original.toString(), sourcePath, ContentTypes.MARKDOWN, null, null);
                String originalJson;
                try {
                    originalJson = json.writeValueAsString(input);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                DocumentRecord record = new DocumentRecord(id, src.title, sourcePath, ContentTypes.MARKDOWN, Map.of(),
                        List.of(), HexFormat.of().formatHex(hash), now, n);
                out.add(new SynthDoc(id, src.title, source, list, record, originalJson));
            }
            return out;
        }

        /** Random sentences joined up to about {@code chars} characters (at most 10% over), with an occasional paragraph break. */
        private static String fill(List<String> sentences, int chars, SplittableRandom rng) {
            StringBuilder sb = new StringBuilder(chars + 200);
            int misses = 0;
            while (sb.length() < chars && misses < 8) {
                String sentence = sentences.get(rng.nextInt(sentences.size()));
                if (!sb.isEmpty() && sb.length() + sentence.length() > chars * 1.1) {
                    misses++; // too long to end this chunk near its template's length: try another
                    continue;
                }
                if (!sb.isEmpty()) sb.append(rng.nextInt(4) == 0 ? "\n\n" : " ");
                sb.append(sentence);
            }
            return sb.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Configuration, options, output

    /**
     * The service's configuration outside Quarkus: application.properties (its %test lines do not apply),
     * then the benchmark's own settings, then -D system properties; the data folder is always the benchmark's.
     */
    static JikjiConfig config(Path dataDir) {
        return StandaloneConfig.load(Map.of(
                "jikji.onnx.device", "cpu",
                "jikji.embedding.model-dir", dataDir.resolve("no-installed-model").toString(),
                "jikji.ingest.seed-when-empty", "false"), Map.of("jikji.data.dir", dataDir.toString()));
    }

    private record Options(List<Integer> sizes, int embedSample, int queries, Path data, int pool, int recallQueries,
            double mix, double noise, long seed, int chunksPerDoc, List<Integer> vectorSizes, int real, Path english,
            Path englishQuestions, int vectorQueries, boolean vectorLegOnly, int realBudget, Path korean, int koreanChunks, List<Path> englishDirs) {

        static Options parse(String[] args) {
            List<Integer> sizes = List.of(10_000, 100_000);
            int embedSample = 2000;
            int queries = 200;
            Path data = null;
            int pool = 2000;
            int recall = 100;
            double mix = 0.5;
            double noise = 0.02;
            long seed = 42;
            int perDoc = 20;
            List<Integer> vectorSizes = List.of(10_000, 100_000);
            int real = 10_000;
            int realBudget = 1800;
            Path english = VectorLegBenchmark.DEFAULT_ENGLISH;
            Path englishQuestions = VectorLegBenchmark.DEFAULT_QUESTIONS;
            int vectorQueries = 200;
            boolean vectorLegOnly = false;
            Path korean = null;
            List<Path> englishDirs = List.of();
            int koreanChunks = 3000;
            boolean sizesSeen = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String value = null;
                if (a.startsWith("--") && a.contains("=")) {
                    value = a.substring(a.indexOf('=') + 1);
                    a = a.substring(0, a.indexOf('='));
                } else if (a.startsWith("--") && !a.equals("--help") && !a.equals("--vector-leg-only")) {
                    if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
                    value = args[++i];
                }
                try {
                    switch (a) {
                        case "--help", "-h" -> throw new IllegalArgumentException("");
                        case "--embed-sample" -> embedSample = nonNegative(a, Integer.parseInt(value));
                        case "--queries" -> queries = positive(a, Integer.parseInt(value));
                        case "--data" -> data = Path.of(value);
                        case "--pool" -> pool = positive(a, Integer.parseInt(value));
                        case "--recall-queries" -> recall = positive(a, Integer.parseInt(value));
                        case "--mix" -> mix = Double.parseDouble(value);
                        case "--noise" -> noise = Double.parseDouble(value);
                        case "--seed" -> seed = Long.parseLong(value);
                        case "--chunks-per-doc" -> perDoc = positive(a, Integer.parseInt(value));
                        case "--vector-sizes" -> vectorSizes = Stream.of(value.split(",")).map(String::strip)
                                .map(x -> Integer.parseInt(x.replace("_", ""))).filter(x -> x > 0).toList();
                        case "--real" -> real = positive(a, Integer.parseInt(value));
                        case "--real-budget" -> realBudget = nonNegative(a, Integer.parseInt(value));
                        case "--english" -> english = Path.of(value);
                        case "--english-dir" -> englishDirs = Stream.of(value.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                                .map(Path::of).toList();
                        case "--english-questions" -> englishQuestions = Path.of(value);
                        case "--vector-queries" -> vectorQueries = positive(a, Integer.parseInt(value));
                        case "--vector-leg-only" -> vectorLegOnly = true;
                        case "--korean" -> korean = Path.of(value);
                        case "--korean-chunks" -> koreanChunks = positive(a, Integer.parseInt(value));
                        default -> {
                            if (a.startsWith("-") || sizesSeen) throw new IllegalArgumentException("unknown argument " + a);
                            sizes = Stream.of(a.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                                    .map(s -> positive("size", Integer.parseInt(s.replace("_", "")))).toList();
                            sizesSeen = true;
                        }
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number for " + a + ": " + e.getMessage());
                }
            }
            if (sizes.isEmpty()) throw new IllegalArgumentException("no size given");
            if (mix < 0 || mix > 1) throw new IllegalArgumentException("--mix must be in [0, 1]");
            if (noise < 0) throw new IllegalArgumentException("--noise must not be negative");
            return new Options(sizes, embedSample, queries, data, pool, recall, mix, noise, seed, perDoc, vectorSizes, real,
                    english, englishQuestions, vectorQueries, vectorLegOnly, realBudget, korean, koreanChunks, englishDirs);
        }

        private static int positive(String name, int v) {
            if (v <= 0) throw new IllegalArgumentException(name + " must be positive");
            return v;
        }

        private static int nonNegative(String name, int v) {
            if (v < 0) throw new IllegalArgumentException(name + " must not be negative");
            return v;
        }
    }

    private static final class Result {
        final int size;
        double embeddedRate = Double.NaN;
        double vectorOnlyRate;
        long commitMs;
        long closeMs;
        int segments;
        double diskMb;
        double p50;
        double p95;
        double p99;
        double recall10;
        double recallCand;
        double heapAfterMb;

        Result(int size) {
            this.size = size;
        }
    }

    private static void printTable(List<Result> results) {
        if (results.isEmpty()) return;
        out("");
        out("=== summary ===");
        out("%-9s %11s %11s %9s %9s %5s %9s %8s %8s %8s %9s %9s", "chunks", "embed+idx", "vec-only", "commit", "close",
                "segs", "disk", "p50", "p95", "p99", "recall@10", "r@10 k=50");
        out("%-9s %11s %11s %9s %9s %5s %9s %8s %8s %8s %9s %9s", "", "chunks/s", "chunks/s", "ms", "ms", "", "MB", "ms",
                "ms", "ms", "k=10", "");
        for (Result r : results) {
            out("%-9s %11s %11.0f %9d %9d %5d %9.1f %8.1f %8.1f %8.1f %9.4f %9.4f", String.format(Locale.ROOT, "%,d", r.size),
                    Double.isNaN(r.embeddedRate) ? "-" : String.format(Locale.ROOT, "%.1f", r.embeddedRate),
                    r.vectorOnlyRate, r.commitMs, r.closeMs, r.segments, r.diskMb, r.p50, r.p95, r.p99, r.recall10,
                    r.recallCand);
        }
        System.gc();
        out("embed+idx: measured on the --embed-sample chunks only (not extrapolated); vec-only: all chunks, precomputed vectors;"
                + " close waits for merges; latencies: hybrid search incl. query embedding, 1 thread");
        out("heap: %.0f MB used now after GC, peak %.0f MB (sum of heap pool peaks), max %.0f MB",
                usedHeapMb(), peakHeapMb(), Runtime.getRuntime().maxMemory() / 1e6);
        out("machine: %s", machine());
    }

    /**
     * Sends log records (the index and model lines, Lucene's vectorisation notice, warnings) to stderr: outside
     * Quarkus, its JBoss LogManager set-up only queues them for a logging configuration that never comes.
     */
    private static void logToStderr() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.ConsoleHandler handler = new java.util.logging.ConsoleHandler();
        handler.setLevel(java.util.logging.Level.INFO);
        handler.setFormatter(new java.util.logging.Formatter() {
            @Override
            public String format(java.util.logging.LogRecord r) {
                String name = r.getLoggerName() == null ? "" : r.getLoggerName();
                String message = formatMessage(r);
                if (r.getThrown() != null) message += " (" + r.getThrown() + ")";
                return String.format(Locale.ROOT, "  [log] %s %s: %s%n", r.getLevel(),
                        name.substring(name.lastIndexOf('.') + 1), message);
            }
        });
        root.addHandler(handler);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .orElse(cpu);
        } catch (IOException | UncheckedIOException ignored) {
            // not Linux: the model name is only a nicety
        }
        return String.format(Locale.ROOT, "%d cores available (%s), %s %s, Java %s (%s), max heap %.0f MB",
                Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    private static double usedHeapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1e6;
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return peak / 1e6;
    }

    static double percentileMs(long[] nanos, double p) {
        if (nanos.length == 0) return Double.NaN;
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void normalize(float[] v) {
        double sum = 0;
        for (float x : v) sum += x * x;
        double norm = Math.sqrt(sum);
        for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / norm);
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
