package dev.jikji.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jikji.config.JikjiConfig;
import dev.jikji.embed.EmbeddingModels;
import dev.jikji.index.ChunkDocuments;
import dev.jikji.index.DocumentRecord;
import dev.jikji.index.IndexFields;
import dev.jikji.index.LuceneIndex;
import dev.jikji.index.VectorQuery;
import dev.jikji.ingest.Chunk;
import dev.jikji.ingest.ContentTypes;
import dev.jikji.ingest.CorpusSeeder;
import dev.jikji.ingest.DocumentInput;
import dev.jikji.ingest.ParsedDocument;
import dev.jikji.ingest.SentenceSplitter;
import dev.jikji.search.HybridSearcher;
import dev.jikji.search.QueryLanguage;
import dev.jikji.search.SearchFilter;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

/**
 * The vector leg's recall@10 against exact search, and what it costs, on real e5-small-v2 embeddings of English
 * text (part of {@code bin/bench}). The texts are sentence windows (1 to 9 consecutive sentences of one
 * article) of docs-corpus's English documents and of {@code --english FILE} (default the XQuAD English
 * paragraphs in /work/shared/eval/xquad-en/corpus.jsonl, read at run time, never copied into the repository);
 * the queries are the English eval questions and that set's questions, through the query model. Vectors are
 * embedded once and cached under {@code target/bench-cache/}. Sizes above the real pool are filled with
 * vectors derived from the real ones (a mix of two of the same article plus a little noise) and labelled so.
 *
 * <p>Each size is written through the real {@link LuceneIndex} (service codec and HNSW settings), committed,
 * closed (merges) and reopened; the leg runs exactly as {@link HybridSearcher} runs it (chunk filter, the
 * configured exact limit and graph candidates, the search's candidate count, top 10 kept) and, for the choice
 * of those settings, at other exact limits and graph candidate counts.
 */
final class VectorLegBenchmark {

    static final Path DEFAULT_ENGLISH = Path.of("/work/shared/eval/xquad-en/corpus.jsonl");
    static final Path DEFAULT_QUESTIONS = Path.of("/work/shared/eval/xquad-en/questions-dev.jsonl");

    /** Chunks per benchmark document. */
    private static final int PER_DOC = 20;

    /** Filter shares the benchmark measures: every 2nd, 4th, 10th and 50th document (metadata {@code sliceN=in}). */
    private static final int[] SLICES = {2, 4, 10, 50};

    private final JikjiConfig config;
    private final EmbeddingModels models;
    private final ObjectMapper json;
    private final Path root;
    private final long seed;

    VectorLegBenchmark(JikjiConfig config, EmbeddingModels models, ObjectMapper json, Path root, long seed) {
        this.config = config;
        this.models = models;
        this.json = json;
        this.root = root;
        this.seed = seed;
    }

    /** One English text with the article it came from. */
    record Text(String article, String text) {}

    record Row(String label, int size, int segments, int largestSegment, double recall, double p50, double p95) {}

    List<Row> run(List<Integer> sizes, int realLimit, int budgetSeconds, Path english, List<Path> englishDirs, Path questionsFile,
            int queryCount) throws IOException {
        IndexBenchmark.out("");
        IndexBenchmark.out("=== vector leg on real English embeddings ===");
        List<Text> texts = new ArrayList<>(englishTexts(english, realLimit));
        List<String> headings = List.of();
        if (!englishDirs.isEmpty() && texts.size() < realLimit) {
            DirectoryTexts more = directoryTexts(englishDirs, realLimit - texts.size());
            texts.addAll(more.texts());
            headings = more.headings();
        }
        float[][] real = embedCached(texts, budgetSeconds);
        List<float[]> queries = new ArrayList<>(queryVectors(questionsFile, queryCount));
        if (!headings.isEmpty()) {
            // the questions above aim at the first texts (XQuAD's); headings of the folder's sections aim at the rest
            queries.addAll(queryEmbeddings(headings));
            IndexBenchmark.out("query vectors: + %d section headings of %s, query model (%d in all)", headings.size(),
                    englishDirs, queries.size());
        }
        List<Row> rows = new ArrayList<>();
        for (int size : sizes) {
            rows.addAll(runSize(size, texts, real, queries));
        }
        return rows;
    }

    // ---------------------------------------------------------------------------------------------
    // Texts and vectors

    /** Sentence windows, 1 to 9 sentences long, of each article's sentences in order; seeded shuffle, first {@code limit}. */
    List<Text> englishTexts(Path english, int limit) throws IOException {
        Map<String, List<String>> articles = new LinkedHashMap<>();
        Path corpusDir = config.ingest().seedDir();
        for (DocumentInput input : CorpusSeeder.read(corpusDir, IndexBenchmark.PARSERS)) {
            ParsedDocument parsed = ContentTypes.parse(input.contentType(), input.text());
            StringBuilder plain = new StringBuilder();
            parsed.blocks().forEach(b -> plain.append(b.text()).append('\n'));
            List<String> sentences = SentenceSplitter.sentences(plain.toString()).stream().map(String::strip)
                    .filter(s -> s.length() >= 20 && QueryLanguage.detect(s) == dev.jikji.language.Language.ENGLISH).toList();
            if (!sentences.isEmpty()) articles.computeIfAbsent(input.id(), k -> new ArrayList<>()).addAll(sentences);
        }
        int corpusArticles = articles.size();
        if (english != null && Files.isRegularFile(english)) {
            for (String line : Files.readAllLines(english, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                JsonNode node = json.readTree(line);
                String title = node.path("title").asText("untitled");
                for (String s : SentenceSplitter.sentences(node.path("text").asText())) {
                    if (s.strip().length() >= 20) articles.computeIfAbsent(title, k -> new ArrayList<>()).add(s.strip());
                }
            }
        } else {
            IndexBenchmark.out("  (no %s: docs-corpus English only)", english);
        }
        Set<String> seen = new LinkedHashSet<>();
        List<Text> all = new ArrayList<>();
        articles.forEach((article, sentences) -> {
            for (int w = 1; w <= 9; w++) {
                for (int from = 0; from + w <= sentences.size(); from++) {
                    String text = String.join(" ", sentences.subList(from, from + w));
                    if (seen.add(text)) all.add(new Text(article, text));
                }
            }
        });
        Collections.shuffle(all, new SplittableRandom(seed)); // the same swaps the hand-written loop made
        List<Text> out = all.subList(0, Math.min(limit, all.size()));
        IndexBenchmark.out("English texts: %,d sentence windows (1-9 sentences) of %d articles (%d from %s, %d from %s);"
                + " %,d used, %.0f chars each on average", all.size(), articles.size(), corpusArticles, corpusDir,
                articles.size() - corpusArticles, english, out.size(),
                out.stream().mapToInt(t -> t.text().length()).average().orElse(0));
        return List.copyOf(out);
    }

    record DirectoryTexts(List<Text> texts, List<String> headings) {}

    /**
     * English chunks of folders of documents (e.g. Debian's python3-doc HTML, /usr/share/doc/python3-doc/html): every
     * HTML, Markdown or text file outside folders starting with "_" (Sphinx's sources and assets), parsed by the
     * service's parsers; each section's prose blocks split into sentences and cut into consecutive, non-overlapping
     * runs of 1 to 5 sentences (seeded), as a chunker would cut them; code and tables left out. Seeded shuffle, first
     * {@code limit}; and up to 100 distinct section headings (three words or more) as queries.
     */
    DirectoryTexts directoryTexts(List<Path> dirs, int limit) throws IOException {
        Map<String, DocumentInput> inputs = new LinkedHashMap<>(); // by full path: two manuals both hold html/index.html
        for (Path dir : dirs) {
            Path real = dir.toRealPath(); // python3-doc/html is a link, and Files.walk does not follow one
            for (DocumentInput input : CorpusSeeder.read(real, IndexBenchmark.PARSERS)) {
                if (input.id().matches("(?:[^_/][^/]*/)*[^/]+")) inputs.put(real.resolve(input.id()).toString(), input);
            }
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Set<String> seen = new LinkedHashSet<>();
        List<Text> all = new ArrayList<>();
        Set<String> headingSet = new LinkedHashSet<>();
        for (Map.Entry<String, DocumentInput> file : inputs.entrySet()) {
            String id = file.getKey();
            DocumentInput input = file.getValue();
            ParsedDocument parsed;
            try {
                parsed = ContentTypes.parse(input.contentType(), input.text());
            } catch (RuntimeException e) {
                continue; // a file the service would refuse is not a chunk either
            }
            Map<Integer, List<String>> sections = new LinkedHashMap<>();
            Map<Integer, String> sectionHeading = new HashMap<>();
            for (var block : parsed.blocks()) {
                if (!block.kind().isProse()) continue;
                for (String sentence : SentenceSplitter.sentences(block.text())) {
                    String s = sentence.strip().replaceAll("\\s+", " ");
                    if (s.length() >= 20 && QueryLanguage.detect(s) == dev.jikji.language.Language.ENGLISH) {
                        sections.computeIfAbsent(block.section(), k -> new ArrayList<>()).add(s);
                    }
                }
                if (!block.headingPath().isEmpty()) sectionHeading.put(block.section(), block.headingPath().getLast());
            }
            sections.forEach((section, sentences) -> {
                String article = id + "#" + section;
                for (int from = 0; from < sentences.size(); ) {
                    int to = Math.min(sentences.size(), from + 1 + rng.nextInt(5));
                    String text = String.join(" ", sentences.subList(from, to));
                    if (seen.add(text)) all.add(new Text(article, text));
                    from = to;
                }
                String h = sectionHeading.get(section);
                if (h != null && h.strip().split("\\s+").length >= 3) headingSet.add(h.strip());
            });
        }
        Collections.shuffle(all, new SplittableRandom(seed));
        List<Text> out = all.subList(0, Math.min(limit, all.size()));
        List<String> headings = new ArrayList<>(headingSet);
        Collections.shuffle(headings, new SplittableRandom(seed));
        headings = headings.subList(0, Math.min(100, headings.size()));
        IndexBenchmark.out("English texts from %s: %,d runs of 1-5 sentences of %,d files; %,d used, %.0f chars each on average",
                dirs, all.size(), inputs.size(), out.size(), out.stream().mapToInt(t -> t.text().length()).average().orElse(0));
        return new DirectoryTexts(List.copyOf(out), List.copyOf(headings));
    }

    /**
     * Passage vectors of the texts, embedded in blocks of 256 and cached per block under target/bench-cache/ (keyed
     * by the model and the block's texts), so a rerun, or a run stopped half-way, embeds only what is missing.
     * Embedding stops once {@code budgetSeconds} have passed: only the texts embedded by then are returned.
     */
    float[][] embedCached(List<Text> texts, int budgetSeconds) throws IOException {
        int dim = models.spec().dimension();
        Path dir = Path.of("target", "bench-cache");
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        int embedded = 0;
        List<float[]> out = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += 256) {
            List<Text> block = texts.subList(from, Math.min(texts.size(), from + 256));
            Path cache = dir.resolve("en-passages-" + key(block) + ".f32");
            if (Files.isRegularFile(cache) && Files.size(cache) == (long) block.size() * dim * 4) {
                try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
                    for (int i = 0; i < block.size(); i++) {
                        float[] v = new float[dim];
                        for (int d = 0; d < dim; d++) v[d] = in.readFloat();
                        out.add(v);
                    }
                }
                continue;
            }
            if ((System.nanoTime() - t0) / 1e9 > budgetSeconds) {
                IndexBenchmark.out("  embedding budget of %d s spent: stopping at %,d of %,d texts", budgetSeconds, out.size(), texts.size());
                break;
            }
            List<Embedding> vs = models.passageModel().embedAll(block.stream().map(t -> TextSegment.from(t.text())).toList()).content();
            Path tmp = cache.resolveSibling(cache.getFileName() + ".tmp");
            try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(tmp)))) {
                for (Embedding e : vs) {
                    for (float x : e.vector()) o.writeFloat(x);
                    out.add(e.vector());
                }
            }
            Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            embedded += vs.size();
            IndexBenchmark.out("  embedded %,d new (%,d of %,d ready), %.0f s", embedded, out.size(), texts.size(),
                    (System.nanoTime() - t0) / 1e9);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        IndexBenchmark.out("passage vectors: %,d of %,d texts (%,d embedded now in %.0f s%s, the rest from target/bench-cache/)",
                out.size(), texts.size(), embedded, s, embedded > 0 ? String.format(Locale.ROOT, ", %.1f texts/s", embedded / s) : "");
        return out.toArray(new float[0][]);
    }

    private String key(List<Text> block) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(models.fingerprint().getBytes(StandardCharsets.UTF_8));
            for (Text t : block) sha.update((t.text() + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** English questions through the query model: the project's eval set first, then the given file's. */
    List<float[]> queryVectors(Path questionsFile, int count) throws IOException {
        List<String> questions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/eval/qa-en.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) questions.add(json.readTree(line).path("question").asText());
        }
        int own = questions.size();
        if (questionsFile != null && Files.isRegularFile(questionsFile)) {
            for (String line : Files.readAllLines(questionsFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) questions.add(json.readTree(line).path("question").asText());
            }
        }
        List<String> used = questions.subList(0, Math.min(count, questions.size()));
        List<float[]> out = queryEmbeddings(used);
        IndexBenchmark.out("query vectors: %d English questions (%d of the eval set, %d from %s), query model",
                out.size(), Math.min(own, out.size()), out.size() - Math.min(own, out.size()), questionsFile);
        return out;
    }

    private List<float[]> queryEmbeddings(List<String> queries) {
        return models.queryModel().embedAll(queries.stream().map(TextSegment::from).toList()).content()
                .stream().map(Embedding::vector).toList();
    }

    // ---------------------------------------------------------------------------------------------
    // A mixed Korean/English index

    /**
     * Korean chunks as the pipeline before issue 10 embedded them: each passage of {@code korean} (JSONL with text)
     * chunked at 256/32 tokens of the model's tokenizer; seeded shuffle, first {@code limit}.
     */
    List<Text> koreanChunks(Path korean, int limit) throws IOException {
        List<Text> all = new ArrayList<>();
        dev.jikji.ingest.Chunker chunker = new dev.jikji.ingest.Chunker(models.tokenCounter(), 256, 32);
        for (String line : Files.readAllLines(korean, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            JsonNode node = json.readTree(line);
            ParsedDocument parsed = ContentTypes.parse(ContentTypes.PLAIN, node.path("text").asText());
            for (Chunk c : chunker.chunk(parsed)) all.add(new Text("ko:" + node.path("id").asText(), c.text()));
        }
        Collections.shuffle(all, new SplittableRandom(seed)); // the same swaps the hand-written loop made
        List<Text> out = all.subList(0, Math.min(limit, all.size()));
        IndexBenchmark.out("Korean chunks: %,d of %s at 256/32 tokens (the pipeline before issue 10); %,d used, %.0f chars each",
                all.size(), korean, out.size(), out.stream().mapToInt(t -> t.text().length()).average().orElse(0));
        return List.copyOf(out);
    }

    /**
     * English questions' vector leg on one index holding English and Korean chunks: once with every chunk embedded
     * (before issue 10) and once as ingest writes it now (Korean chunks without vectors). Recall@10 is against exact
     * search over the vectors the index holds, and against the exact English top 10 (what an English question is after).
     */
    List<Row> runMixed(Path korean, int koreanLimit, int englishLimit, int budgetSeconds, Path english, Path questionsFile,
            int queryCount) throws IOException {
        IndexBenchmark.out("");
        IndexBenchmark.out("=== vector leg on a mixed Korean/English index, real e5-small-v2 vectors ===");
        List<Text> en = englishTexts(english, englishLimit);
        float[][] enVectors = embedCached(en, budgetSeconds);
        List<Text> ko = koreanChunks(korean, koreanLimit);
        float[][] koVectors = embedCached(ko, budgetSeconds);
        List<float[]> queries = queryVectors(questionsFile, queryCount);
        int e = enVectors.length;
        int k = koVectors.length;
        float[][] all = new float[e + k][];
        System.arraycopy(enVectors, 0, all, 0, e);
        System.arraycopy(koVectors, 0, all, e, k);
        List<Set<Integer>> englishTruth = new ArrayList<>();
        List<Set<Integer>> mixedTruth = new ArrayList<>();
        double koreanInTruth = 0;
        for (float[] q : queries) {
            englishTruth.add(IndexBenchmark.exactTopK(enVectors, q, 10));
            Set<Integer> t = IndexBenchmark.exactTopK(all, q, 10);
            mixedTruth.add(t);
            koreanInTruth += t.stream().filter(i -> i >= e).count() / 10.0;
        }
        IndexBenchmark.out("%,d English + %,d Korean vectors: %.0f %% of an English question's exact top 10 (over all vectors)"
                + " are Korean chunks", e, k, 100 * koreanInTruth / queries.size());
        List<Row> rows = new ArrayList<>();
        for (boolean koreanVectors : new boolean[] {true, false}) {
            String label = koreanVectors ? "mixed, every chunk embedded (before)" : "mixed, Korean chunks without vectors (now)";
            Path dir = root.resolve(koreanVectors ? "vector-leg-mixed-before" : "vector-leg-mixed-now");
            JikjiConfig cfg = IndexBenchmark.config(dir);
            LuceneIndex index = new LuceneIndex(cfg, models, json);
            Map<String, Integer> ordinalOf = new HashMap<>();
            Instant now = Instant.now();
            for (int from = 0, d = 0; from < e + k; from += PER_DOC, d++) {
                int to = Math.min(e + k, from + PER_DOC);
                String id = "mixed-doc-" + d;
                List<Chunk> chunks = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                StringBuilder original = new StringBuilder();
                for (int i = from; i < to; i++) {
                    String text = i < e ? en.get(i).text() : ko.get(i - e).text();
                    chunks.add(new Chunk(i - from, List.of(), text, original.length(), original.length() + text.length(),
                            Math.max(1, text.length() / 5)));
                    vectors.add(i < e || koreanVectors ? all[i] : null);
                    original.append(text).append("\n\n");
                    ordinalOf.put(ChunkDocuments.chunkId(id, i - from), i);
                }
                DocumentRecord record = new DocumentRecord(id, id, "bench/" + id, ContentTypes.MARKDOWN, Map.of(),
                        List.of(), HexFormat.of().formatHex(new byte[32]), now, chunks.size());
                index.replace(id, ChunkDocuments.build(dev.jikji.ingest.IndexedDocuments.of(record, "{}", original.toString(), chunks, vectors)));
            }
            index.commit();
            index.close();
            index = new LuceneIndex(cfg, models, json);
            int[] segmentSizes = index.withSearcher(x -> x.getIndexReader().leaves().stream()
                    .mapToInt(l -> l.reader().maxDoc()).toArray());
            int largest = Arrays.stream(segmentSizes).max().orElse(0);
            int n = Math.max(cfg.search().candidates(), cfg.search().defaultTopK());
            Query filter = dev.jikji.index.LuceneLegs.filterQuery(dev.jikji.index.IndexFilter.NONE);
            HybridSearcher searcher = new HybridSearcher(index, models, cfg);
            IndexBenchmark.out("--- %s: %,d vectors in %d segments ---", label, index.countEmbeddedChunks(), segmentSizes.length);
            List<Set<Integer>> indexTruth = koreanVectors ? mixedTruth : englishTruth;
            record Leg(String name, java.util.function.Function<float[], Query> query) {}
            for (Leg leg : List.of(new Leg("service settings", q -> VectorQuery.nearest(q, n, filter, searcher.legSettings().vectorExactLimit(), searcher.legSettings().vectorGraphCandidates())),
                    new Leg("graph, 50 candidates", q -> VectorQuery.nearest(q, n, filter, 0, 50)))) {
                Row vsIndex = measure(index, label, e + k, segmentSizes.length, largest, queries, indexTruth, ordinalOf, leg.query(), n);
                Row vsEnglish = measure(index, label, e + k, segmentSizes.length, largest, queries, englishTruth, ordinalOf, leg.query(), n);
                double koreanShare = koreanShare(index, queries, ordinalOf, leg.query(), n, e);
                IndexBenchmark.out("  %-22s recall@10 vs exact over the index's vectors %.4f, vs the exact English top 10 %.4f;"
                        + " Korean chunks in the leg's top 10 %.0f %%; p50 %.2f ms, p95 %.2f ms", leg.name(), vsIndex.recall(),
                        vsEnglish.recall(), 100 * koreanShare, vsIndex.p50(), vsIndex.p95());
                rows.add(new Row(label + ", " + leg.name() + " (vs English top 10: " + String.format(Locale.ROOT, "%.4f", vsEnglish.recall())
                        + ")", e + k, segmentSizes.length, largest, vsIndex.recall(), vsIndex.p50(), vsIndex.p95()));
            }
            index.close();
        }
        return rows;
    }

    private double koreanShare(LuceneIndex index, List<float[]> queries, Map<String, Integer> ordinalOf,
            java.util.function.Function<float[], Query> leg, int n, int firstKorean) {
        double share = 0;
        for (float[] q : queries) {
            Query query = leg.apply(q);
            ScoreDoc[] hits = index.withSearcher(s -> s.search(query, n).scoreDocs);
            Set<Integer> top = index.withSearcher(s -> ordinals(s, hits, 10, ordinalOf));
            share += top.stream().filter(i -> i >= firstKorean).count() / 10.0;
        }
        return share / queries.size();
    }

    // ---------------------------------------------------------------------------------------------
    // One size

    private List<Row> runSize(int size, List<Text> texts, float[][] real, List<float[]> queries) throws IOException {
        int realCount = Math.min(size, real.length);
        String label = size <= real.length ? "real" : String.format(Locale.ROOT, "%,d real + %,d derived", realCount, size - realCount);
        IndexBenchmark.out("");
        IndexBenchmark.out("--- %,d chunks (%s) ---", size, label);
        float[][] vectors = new float[size][];
        String[] articleOf = new String[size];
        Map<String, List<Integer>> byArticle = new HashMap<>();
        for (int i = 0; i < realCount; i++) {
            vectors[i] = real[i];
            articleOf[i] = texts.get(i).article();
            byArticle.computeIfAbsent(articleOf[i], k -> new ArrayList<>()).add(i);
        }
        SplittableRandom rng = new SplittableRandom(seed + size);
        for (int i = realCount; i < size; i++) {
            // derived, not real: a mix of two real vectors of one article plus noise (labelled in the output)
            int a = rng.nextInt(realCount);
            List<Integer> same = byArticle.get(articleOf[a]);
            int b = same.get(rng.nextInt(same.size()));
            vectors[i] = IndexBenchmark.perturb(real[a], real[b], rng.nextDouble() * 0.5, 0.02, rng);
            articleOf[i] = articleOf[a];
        }
        Path dir = root.resolve("vector-leg-" + size);
        JikjiConfig cfg = IndexBenchmark.config(dir);
        LuceneIndex index = new LuceneIndex(cfg, models, json);
        long t0 = System.nanoTime();
        Instant now = Instant.now();
        Map<String, Integer> ordinalOf = new HashMap<>(size * 2);
        for (int from = 0, d = 0; from < size; from += PER_DOC, d++) {
            int to = Math.min(size, from + PER_DOC);
            String id = "v" + size + "-doc-" + d;
            List<Chunk> chunks = new ArrayList<>();
            StringBuilder original = new StringBuilder();
            for (int i = from; i < to; i++) {
                String text = i < realCount ? texts.get(i).text() : "derived vector " + i + " of " + articleOf[i];
                chunks.add(new Chunk(i - from, List.of(articleOf[i]), text, original.length(), original.length() + text.length(),
                        Math.max(1, text.length() / 5)));
                original.append(text).append("\n\n");
                ordinalOf.put(ChunkDocuments.chunkId(id, i - from), i);
            }
            DocumentRecord record = new DocumentRecord(id, articleOf[from], "bench/" + id, ContentTypes.MARKDOWN, slices(d),
                    List.of(), HexFormat.of().formatHex(new byte[32]), now, chunks.size());
            index.replace(id, ChunkDocuments.build(dev.jikji.ingest.IndexedDocuments.of(record, "{}", original.toString(), chunks,
                    Arrays.asList(vectors).subList(from, to))));
        }
        index.commit();
        index.close();
        index = new LuceneIndex(cfg, models, json);
        int[] segmentSizes = index.withSearcher(s -> s.getIndexReader().leaves().stream()
                .mapToInt(l -> l.reader().maxDoc()).toArray());
        int largest = Arrays.stream(segmentSizes).max().orElse(0);
        IndexBenchmark.out("indexed in %.1f s (M=%d, beamWidth=%d), merged: %d segments, largest %,d docs (chunks + records)",
                (System.nanoTime() - t0) / 1e9, cfg.index().hnswM(), cfg.index().hnswBeamWidth(), segmentSizes.length, largest);

        List<Set<Integer>> truth = new ArrayList<>();
        long exactNs = 0;
        for (float[] q : queries) {
            long e0 = System.nanoTime();
            truth.add(IndexBenchmark.exactTopK(vectors, q, 10));
            exactNs += System.nanoTime() - e0;
        }
        IndexBenchmark.out("exact top 10 by a Java scan of all %,d vectors: %.1f ms/query", size, exactNs / 1e6 / queries.size());

        int n = Math.max(cfg.search().candidates(), cfg.search().defaultTopK());
        Query filter = dev.jikji.index.LuceneLegs.filterQuery(dev.jikji.index.IndexFilter.NONE);
        HybridSearcher searcher = new HybridSearcher(index, models, cfg);
        List<Row> rows = new ArrayList<>();
        Row service = measure(index, label, size, segmentSizes.length, largest, queries, truth, ordinalOf,
                q -> VectorQuery.nearest(q, n, filter, searcher.legSettings().vectorExactLimit(), searcher.legSettings().vectorGraphCandidates()), n);
        IndexBenchmark.out("SERVICE SETTINGS (exact up to %,d vectors per segment, else graph with %d candidates; leg of %d, top 10"
                + " kept): recall@10 %.4f, leg p50 %.2f ms, p95 %.2f ms", cfg.search().vectorExactLimit(),
                cfg.search().vectorGraphCandidates(), n, service.recall(), service.p50(), service.p95());
        rows.add(new Row(label + ", service settings", size, service.segments(), largest, service.recall(), service.p50(), service.p95()));
        IndexBenchmark.out("  other settings of the same leg (exact limit / graph candidates: recall@10, p50, p95):");
        int[][] grid = {{0, 50}, {0, 100}, {0, 200}, {0, 400}, {0, 800}, {Integer.MAX_VALUE, 50}};
        for (int[] g : grid) {
            Row r = measure(index, label, size, segmentSizes.length, largest, queries, truth, ordinalOf,
                    q -> VectorQuery.nearest(q, n, filter, g[0], g[1]), n);
            IndexBenchmark.out("    %-28s recall@10 %.4f  p50 %6.2f ms  p95 %6.2f ms",
                    g[0] == 0 ? "graph, " + g[1] + " candidates" : "exact (every segment)", r.recall(), r.p50(), r.p95());
        }
        rows.addAll(filtered(index, label, size, segmentSizes.length, largest, queries, vectors, ordinalOf, searcher, n, cfg));
        index.close();
        return rows;
    }

    private static Map<String, String> slices(int document) {
        Map<String, String> m = new HashMap<>();
        for (int every : SLICES) m.put("slice" + every, inSlice(document, every) ? "in" : "out");
        return m;
    }

    private static boolean inSlice(int document, int every) {
        return document % every == 0;
    }

    /**
     * The leg under a metadata filter (as an ACL or a metadata restriction runs it) that accepts every 2nd to 50th
     * document: Lucene searches the graph with the filter, or exactly once a segment's accepted vectors fall under
     * the exact limit; truth is the exact top 10 among the accepted vectors.
     */
    private List<Row> filtered(LuceneIndex index, String label, int size, int segments, int largest, List<float[]> queries,
            float[][] vectors, Map<String, Integer> ordinalOf, HybridSearcher searcher, int n, JikjiConfig cfg) {
        List<Row> rows = new ArrayList<>();
        IndexBenchmark.out("  under a metadata filter (service settings; graph only, %d candidates, and exact, for comparison):",
                cfg.search().vectorGraphCandidates());
        for (int every : SLICES) {
            List<Integer> accepted = new ArrayList<>();
            for (int i = 0; i < size; i++) if (inSlice(i / PER_DOC, every)) accepted.add(i);
            float[][] sub = new float[accepted.size()][];
            for (int j = 0; j < sub.length; j++) sub[j] = vectors[accepted.get(j)];
            List<Set<Integer>> truth = new ArrayList<>();
            for (float[] q : queries) {
                Set<Integer> t = new LinkedHashSet<>();
                for (int j : IndexBenchmark.exactTopK(sub, q, 10)) t.add(accepted.get(j));
                truth.add(t);
            }
            Query filter = dev.jikji.index.LuceneLegs.filterQuery(
                    new dev.jikji.index.IndexFilter(List.of(), Map.of("slice" + every, "in"), null));
            Row service = measure(index, label, size, segments, largest, queries, truth, ordinalOf,
                    q -> VectorQuery.nearest(q, n, filter, searcher.legSettings().vectorExactLimit(),
                            searcher.legSettings().vectorGraphCandidates()), n);
            Row graph = measure(index, label, size, segments, largest, queries, truth, ordinalOf,
                    q -> VectorQuery.nearest(q, n, filter, 0, searcher.legSettings().vectorGraphCandidates()), n);
            Row exact = measure(index, label, size, segments, largest, queries, truth, ordinalOf,
                    q -> VectorQuery.nearest(q, n, filter, Integer.MAX_VALUE, searcher.legSettings().vectorGraphCandidates()), n);
            IndexBenchmark.out("    1 document in %-3d (%,7d vectors): service recall@10 %.4f  p50 %6.2f ms  p95 %6.2f ms"
                    + "   | graph only %.4f  p50 %6.2f ms | exact p50 %6.2f ms", every, accepted.size(), service.recall(),
                    service.p50(), service.p95(), graph.recall(), graph.p50(), exact.p50());
            rows.add(new Row(label + ", service settings, filter 1 doc in " + every, size, segments, largest,
                    service.recall(), service.p50(), service.p95()));
        }
        return rows;
    }

    private Row measure(LuceneIndex index, String label, int size, int segments, int largest, List<float[]> queries,
            List<Set<Integer>> truth, Map<String, Integer> ordinalOf, java.util.function.Function<float[], Query> leg, int n) {
        for (int i = 0; i < Math.min(20, queries.size()); i++) {
            Query q = leg.apply(queries.get(i));
            index.withSearcher(s -> s.search(q, n));
        }
        long[] ns = new long[queries.size()];
        double recall = 0;
        for (int i = 0; i < queries.size(); i++) {
            Query q = leg.apply(queries.get(i));
            long t0 = System.nanoTime();
            ScoreDoc[] hits = index.withSearcher(s -> s.search(q, n).scoreDocs);
            ns[i] = System.nanoTime() - t0;
            Set<Integer> top = index.withSearcher(s -> ordinals(s, hits, 10, ordinalOf));
            int hit = 0;
            for (int o : top) if (truth.get(i).contains(o)) hit++;
            recall += hit / 10.0;
        }
        return new Row(label, size, segments, largest, recall / queries.size(), IndexBenchmark.percentileMs(ns, 50),
                IndexBenchmark.percentileMs(ns, 95));
    }

    private static Set<Integer> ordinals(IndexSearcher s, ScoreDoc[] hits, int keep, Map<String, Integer> ordinalOf)
            throws IOException {
        Set<Integer> out = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(keep, hits.length); i++) {
            String id = s.storedFields().document(hits[i].doc, Set.of(IndexFields.CHUNK_ID)).get(IndexFields.CHUNK_ID);
            Integer ord = ordinalOf.get(id);
            if (ord == null) throw new UncheckedIOException(new IOException("hit " + id + " is not a benchmark chunk"));
            out.add(ord);
        }
        return out;
    }
}
