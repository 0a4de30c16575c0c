package dev.jikji.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the service, under the prefix {@code jikji}; defaults are the embedded set-up. */
@ConfigMapping(prefix = "jikji")
public interface JikjiConfig {

    Data data();

    Ingest ingest();

    Chunking chunking();

    Embedding embedding();

    Onnx onnx();

    Index index();

    Search search();

    Rerank rerank();

    Generator generator();

    Answer answer();

    Conversation conversation();

    Slack slack();

    Auth auth();

    Limits limits();

    Parsing parsing();

    Log log();

    interface Log {
        /** One JSON object per log record on the console (quarkus.log.console.json.enabled follows it). */
        @WithDefault("false")
        boolean json();
    }

    interface Data {
        /** Where the Lucene index lives. */
        @WithDefault("data")
        Path dir();
    }

    interface Ingest {
        /** Largest accepted request body for the ingest API; bigger bodies get 413. */
        @WithDefault("20M")
        MemorySize maxBodySize();

        /** Folder ingested at start-up when the index holds no document. */
        @WithDefault("docs-corpus")
        Path seedDir();

        @WithDefault("true")
        boolean seedWhenEmpty();

        /**
         * At start-up, in the background, re-ingest from their stored originals the documents that this release's
         * parsing or chunking rules (or a changed {@code jikji.chunking.*}) would make into other chunks; embedded
         * index only.
         */
        @WithDefault("true")
        boolean refreshOnStart();
    }

    interface Chunking {
        /** Target chunk size, in tokens of the embedding model's tokenizer. */
        @WithDefault("256")
        int targetTokens();

        /** Tokens of whole sentences repeated from the end of one chunk at the start of the next. */
        @WithDefault("32")
        int overlapTokens();

        /**
         * Target chunk size, in characters, for text in a language that gets no vector (one the embedder does
         * not declare, see {@link Embedding#uncoveredLanguages()}): its tokenizer does not fit that language
         * (WordPiece cuts Hangul into jamo pieces), so its tokens are no measure of how much a chunk holds.
         */
        @WithDefault("600")
        int targetCharacters();

        /** Characters of whole sentences repeated between neighbouring chunks sized in characters. */
        @WithDefault("80")
        int overlapCharacters();
    }

    interface Embedding {
        /**
         * {@code embedded}: the ONNX encoder in {@code model-dir} (or the built-in e5-small-v2) in this process;
         * {@code openai}: a model behind an OpenAI-compatible {@code /v1/embeddings} server (vLLM, Hugging Face TEI).
         */
        @WithDefault("embedded")
        Kind kind();

        enum Kind { EMBEDDED, OPENAI }

        /** The remote embedding server, for {@code kind=openai}. */
        OpenAi openai();

        interface OpenAi {
            /** e.g. http://tei:8080/v1 or http://vllm:8000/v1 */
            Optional<String> baseUrl();

            /** Sent as a bearer token; set it as {@code JIKJI_EMBEDDING_OPENAI_API_KEY} (never logged). */
            Optional<String> apiKey();

            @WithDefault("default")
            String model();

            /**
             * The ISO 639-1 languages the model was trained for ({@code *}: all), e.g. {@code ko,en} for bge-m3 or
             * multilingual-e5; required, since which chunks get vectors and which queries use the vector leg follow it.
             */
            Optional<List<String>> languages();

            /** The vectors' dimension; absent: read from the server's answer to one probe at start. Every vector is checked. */
            Optional<Integer> dimension();

            /** Prepended to a query before embedding (e5 models: {@code "query: "}). */
            Optional<String> queryPrefix();

            /** Prepended to a chunk before embedding (e5 models: {@code "passage: "}). */
            Optional<String> passagePrefix();

            /** A request not answered within this gets 503. */
            @WithDefault("30s")
            Duration timeout();

            /** Requests in flight at once from this process; a request waits for a slot up to the time-out, then 503. */
            @WithDefault("8")
            int maxConcurrent();
        }

        /** A folder with model.onnx, tokenizer.json and embedding.json; when absent the embedded e5-small-v2 int8 is used. */
        @WithDefault("onnx-models/embedding")
        Path modelDir();

        @WithDefault("16")
        int batchSize();

        /** ONNX sessions kept for embedding; each runs one batch at a time. */
        @WithDefault("1")
        int sessions();

        /**
         * Further sessions that only query embedding uses, so that a search never waits for an ingest batch
         * (0: queries share the sessions above and wait for at most the batch running on one).
         */
        @WithDefault("1")
        int querySessions();

        /**
         * Query vectors kept for questions asked again (one vector each, dimension x 4 bytes; 0: no cache). On CPU a
         * query's embedding is most of an English search's cost.
         */
        @WithDefault("10000")
        int queryCacheSize();

        /**
         * How long an ingest batch waits, before it starts, for query embeddings in flight to finish, so a query does
         * not share the cores with a bulk batch (0: no waiting). Bounded, so ingest still advances under a steady
         * stream of queries.
         */
        @WithDefault("200ms")
        Duration bulkYield();

        /**
         * Chunks in a language the model does not declare (its {@code languages}): {@code skip} makes no vector for
         * them (BM25 still finds them; the vector leg is skipped for such queries anyway), {@code embed} embeds them
         * all the same.
         */
        @WithDefault("skip")
        UncoveredLanguages uncoveredLanguages();

        enum UncoveredLanguages { SKIP, EMBED }
    }

    interface Onnx {
        @WithDefault("auto")
        Device device();

        /** Threads per ONNX session; 0 lets ONNX Runtime choose. */
        @WithDefault("0")
        int intraOpThreads();

        /**
         * Whether ONNX Runtime's worker threads spin while they wait for work (its own default). Off here: an
         * ingest batch's spinning threads held the cores that searches, the reranker and Lucene need.
         */
        @WithDefault("false")
        boolean spinWait();

        @WithDefault("0")
        int cudaDeviceId();

        enum Device { AUTO, CPU, CUDA }
    }

    interface Index {
        /**
         * Where the index lives: {@code embedded}, Lucene on this process's disk (one writer, so one replica), or
         * {@code solrcloud}, a SolrCloud collection that any number of Jikji replicas share ({@code jikji.index.solr.*}).
         */
        @WithDefault("embedded")
        Kind kind();

        enum Kind { EMBEDDED, SOLRCLOUD }

        /** The SolrCloud collection, when {@code kind=solrcloud}. */
        Solr solr();

        @WithDefault("16")
        int hnswM();

        @WithDefault("100")
        int hnswBeamWidth();

        /**
         * How vectors are stored: {@code none} keeps float32; {@code int8} quantises them (a quarter of
         * the memory, a little recall lost), worth it from about half a million chunks.
         */
        @WithDefault("none")
        VectorQuantization vectorQuantization();

        enum VectorQuantization { NONE, INT8 }

        /**
         * When the index was built with another embedding model or analysis: {@code refuse} to start, or
         * {@code reindex}: rebuild it from the originals it stores (embedded: set it aside as
         * {@code index.previous}, rebuild, delete it; SolrCloud: rebuild into a new versioned collection, then
         * switch the collection alias to it). An interrupted rebuild resumes at the next start.
         */
        @WithDefault("refuse")
        ModelMismatch onModelMismatch();

        enum ModelMismatch { REFUSE, REINDEX }

        /**
         * Heap for analysed texts (megabytes): the reranker, the confidence gate and citation checking read the
         * same candidate chunks query after query, and analysing them again was most of a search's CPU; 0 caches nothing.
         */
        @WithDefault("64")
        int termCacheMb();

        /**
         * Heap for chunks read back from the embedded index (megabytes): searches return mostly the same chunks, and
         * decompressing their stored fields was a quarter of a Korean search's CPU; 0 reads every chunk from the index.
         */
        @WithDefault("32")
        int chunkCacheMb();

        interface Solr {
            /** Base URLs of one or more Solr nodes, comma-separated ({@code http://solr-0.solr:8983/solr}); SolrJ learns the rest of the cluster from them. */
            Optional<List<String>> urls();

            /** The collection holding documents and chunks; created (with the project's configset) when missing. */
            @WithDefault("jikji")
            String collection();

            /** Shards of a collection Jikji creates. */
            @WithDefault("2")
            int shards();

            /** Replicas of each shard of a collection Jikji creates. */
            @WithDefault("2")
            int replicas();

            /** Basic-auth user, when the cluster requires one. */
            Optional<String> username();

            /** Basic-auth password: give it through the environment from a secret ({@code JIKJI_INDEX_SOLR_PASSWORD}); never logged. */
            Optional<String> password();

            /** Time-out of each request to Solr. */
            @WithDefault("30s")
            java.time.Duration timeout();

            /**
             * What becomes of the collection a re-index replaced ({@code on-model-mismatch=reindex}) once the alias
             * points at the rebuilt one: {@code keep} it (replicas still on the earlier configuration keep reading
             * it, and it is the way back), or {@code delete} it.
             */
            @WithDefault("keep")
            PreviousCollection previousCollection();

            enum PreviousCollection { KEEP, DELETE }
        }
    }

    interface Search {
        @WithDefault("10")
        int defaultTopK();

        @WithDefault("100")
        int maxTopK();

        /** Candidates taken from each leg (BM25 and kNN) before fusion. */
        @WithDefault("50")
        int candidates();

        /**
         * The vector leg scores a segment exactly when it (or the part of it the filter accepts) holds at most
         * this many vectors, and searches the HNSW graph of larger ones; 0 always uses the graph.
         */
        @WithDefault("5000")
        int vectorExactLimit();

        /** Candidates taken from the HNSW graph of each segment above that limit, cut to the leg's candidates. */
        @WithDefault("400")
        int vectorGraphCandidates();

        /** The k of reciprocal rank fusion, 1/(k + rank). */
        @WithDefault("60")
        int rrfK();

        /** RRF weight of the vector leg for a query in a language the embedder declares (BM25's weight is 1). */
        @WithDefault("2")
        double vectorWeight();

        /**
         * Weight of the vector leg for a query in a language the embedder does not declare; 0 skips
         * the leg, since such vectors are close to random and only drag good keyword hits down.
         */
        @WithDefault("0")
        double uncoveredLanguageVectorWeight();

        /**
         * RRF weight of the document-level BM25 leg (the whole document's text, ranked per document):
         * each chunk of a document gains {@code weight / (k + the document's rank)}; 0 turns the leg off.
         */
        @WithDefault("1")
        double documentWeight();

        /** RRF weight of the character-bigram BM25 leg over the chunks; 0 turns it off. */
        @WithDefault("1")
        double bigramWeight();

        /**
         * Weight of the proximity clauses added to the Korean BM25 legs (chunk and document): a sloppy
         * phrase for each pair of neighbouring question terms; 0 turns them off. 1 measured best on
         * KorQuAD dev (README "Retrieval quality").
         */
        @WithDefault("1")
        float proximityBoost();

        /** How many positions apart (and out of order) a pair of neighbouring question terms may match. */
        @WithDefault("8")
        int proximitySlop();

        /** BM25 boost of a match in the document title. */
        @WithDefault("0.5")
        float titleBoost();

        /** BM25 boost of a match in the chunk's heading path. */
        @WithDefault("0.5")
        float headingBoost();

        /** Nori decompounding: none, discard or mixed. */
        @WithDefault("discard")
        String noriDecompoundMode();

        /**
         * Part-of-speech tags dropped by Nori on top of Lucene's defaults (particles, endings, affixes,
         * punctuation). The default drops copulas (VCP 이다, VCN 아니다) and bound nouns (NNB 것, 수, 때),
         * which measured best on the Korean question set; {@code none} keeps Lucene's defaults only.
         */
        @WithDefault("VCP,VCN,NNB")
        List<String> noriExtraStopTags();

        /**
         * A synonyms file in Solr's format ({@code 재택근무, 원격근무, WFH} folds every word of the line onto the first;
         * {@code 연가 => 연차} rewrites one way), applied after Nori and the English chain at index and query time. A
         * changed file changes the analysis, so the index is refused or rebuilt as {@code on-model-mismatch} says.
         */
        Optional<Path> synonyms();

        /**
         * A company's own Nori user dictionary entries (one noun, or a compound and its parts, a line), read after the
         * bundled ones: names that Nori would cut into common morphemes. Part of the analysis, like the synonyms.
         */
        Optional<Path> noriUserDictionary();

        /**
         * How long start-up runs searches (and extractive answers) over the index's own sentences before the server
         * turns ready, so the first requests after a deploy do not pay for class loading and JIT compilation; 0 turns
         * it off. Not counted in meters or traces.
         */
        @WithDefault("10s")
        Duration warmUp();
    }

    interface Rerank {
        /**
         * {@code auto}: the cross-encoder in {@code model-dir} when one is installed, else the built-in
         * reranker; {@code onnx}, {@code builtin}, or {@code none} (fusion order).
         */
        @WithDefault("auto")
        String kind();

        /** A folder with model.onnx and tokenizer.json of a Hugging Face cross-encoder export. */
        @WithDefault("onnx-models/reranker")
        Path modelDir();

        /** Fused candidates handed to the reranker; the best top-K of them are returned. */
        @WithDefault("50")
        int candidates();

        /** Query-passage pairs per ONNX run. */
        @WithDefault("16")
        int batchSize();

        /** Tokens of a query-passage pair; the passage is truncated, never the query. */
        @WithDefault("512")
        int maxLength();

        /**
         * Heap for the built-in reranker's split candidate sentences (megabytes): their markers and bigram text were
         * recomputed for every candidate of every search; 0 keeps none.
         */
        @WithDefault("16")
        int sentenceCacheMb();

        /** A cross-encoder behind Hugging Face TEI's {@code POST /rerank}, for {@code kind=tei}. */
        Tei tei();

        /** The built-in reranker's feature weights (README "Reranking"); the defaults are the measured best. */
        Builtin builtin();

        /** Weights for questions in English and other languages; Korean questions use {@link Korean}. */
        interface Builtin {
            /** IDF-weighted share of the query's terms the passage, its title or headings cover. */
            @WithDefault("0.5")
            double coverage();

            /** Query terms found together within {@code window} positions. */
            @WithDefault("0.3")
            double proximity();

            /** Query terms in the title and heading path. */
            @WithDefault("0.2")
            double heading();

            /** Fusion's rank, {@code (k+1)/(k+rank)}. */
            @WithDefault("1.0")
            double prior();

            /** The k of the rank prior (both languages). */
            @WithDefault("2")
            double priorK();

            /** The proximity window, in analysed positions (both languages). */
            @WithDefault("16")
            int window();

            /** Query terms found in one sentence, at the best sentence. */
            @WithDefault("0.3")
            double sentence();

            /** The sentence feature over sentences holding a number or date, for questions that ask for one (how many, when). */
            @WithDefault("0")
            double answerType();

            /** The share of the question's character bigrams found in one sentence of the candidate's document. */
            @WithDefault("0")
            double sentenceBigrams();

            /** The weights for Korean questions, fitted on KorQuAD dev (README "Retrieval quality"). */
            Korean korean();

            interface Korean {
                @WithDefault("2.9")
                double coverage();

                @WithDefault("0.6")
                double proximity();

                @WithDefault("0.75")
                double heading();

                @WithDefault("1.0")
                double prior();

                @WithDefault("0")
                double sentence();

                /** For questions that ask for a number or a date (몇, 얼마, 언제). */
                @WithDefault("0.6")
                double answerType();

                @WithDefault("2.3")
                double sentenceBigrams();
            }
        }

        interface Tei {
            /** e.g. http://tei-reranker:8080 */
            Optional<String> baseUrl();

            /** Sent as a bearer token; set it as {@code JIKJI_RERANK_TEI_API_KEY} (never logged). */
            Optional<String> apiKey();

            /** The model's name for responses and readiness; absent: the {@code model_id} the server's {@code /info} reports. */
            Optional<String> model();

            /** A rerank not answered within this gets 503. */
            @WithDefault("10s")
            Duration timeout();

            /** Requests in flight at once from this process; a request waits for a slot up to the time-out, then 503. */
            @WithDefault("8")
            int maxConcurrent();
        }
    }

    interface Generator {
        /**
         * {@code auto}: the ONNX decoder in {@code model-dir} when one is installed, else the OpenAI-compatible
         * endpoint when {@code openai.base-url} is set, else {@code extractive}.
         */
        @WithDefault("auto")
        Kind kind();

        enum Kind { AUTO, ONNX, OPENAI, EXTRACTIVE }

        /** A Hugging Face/Optimum decoder export: model.onnx (+ .onnx_data), tokenizer.json, tokenizer_config.json, config.json. */
        @WithDefault("onnx-models/generator")
        Path modelDir();

        @WithDefault("512")
        int maxNewTokens();

        /** 0 decodes greedily; above 0 samples with top-p. */
        @WithDefault("0")
        double temperature();

        @WithDefault("0.9")
        double topP();

        /** Seed of the sampler, so sampled answers can be reproduced. */
        @WithDefault("42")
        long seed();

        /** Context window in tokens; 0 takes the model's own (config.json), capped by memory in practice. */
        @WithDefault("0")
        int contextTokens();

        /** An answer still generating after this long is cut and returned as it stands. */
        @WithDefault("120s")
        Duration timeout();

        /**
         * Answers generated at once; further questions wait for a slot until their time-out, then get 503.
         * 0 chooses: 2 for the in-process model (each holds a KV cache and the cores), 16 for a remote server.
         */
        @WithDefault("0")
        int maxConcurrent();

        OpenAi openai();

        interface OpenAi {
            /** e.g. http://vllm:8000/v1 */
            Optional<String> baseUrl();

            Optional<String> apiKey();

            @WithDefault("default")
            String model();
        }
    }

    interface Answer {
        /** Sources given to the generator. */
        @WithDefault("5")
        int defaultTopK();

        @WithDefault("20")
        int maxTopK();

        @WithDefault("2000")
        int maxQuestionChars();

        /**
         * Abstain without generating when the best of the top three sources covers less than this
         * IDF-weighted share of the question's terms; tuned on the QA set (see README).
         */
        @WithDefault("0.25")
        double minQuestionCoverage();

        /** A citation is kept when its source holds at least this IDF-weighted share of the sentence's terms. */
        @WithDefault("0.5")
        double minCitationSupport();

        /** The extractive answer quotes a sentence only when it covers at least this share of the question. */
        @WithDefault("0.15")
        double extractiveMinScore();
    }

    /**
     * Follow-up questions: the earlier turns a caller may send with a question ({@code history}), and how a
     * follow-up is made standalone before retrieval.
     */
    interface Conversation {
        /** Earlier turns accepted per question (API {@code history}, a Slack thread); more get 400 (Slack keeps the latest). */
        @WithDefault("10")
        int maxTurns();

        /** Longest earlier answer accepted per turn, in characters (400 above; Slack cuts). */
        @WithDefault("4000")
        int maxAnswerChars();

        /** Terms of earlier questions carried into a follow-up by the rule used without an LLM. */
        @WithDefault("4")
        int carryTerms();

        /** How long an LLM may take to rewrite a follow-up; past it the rule is used instead. */
        @WithDefault("20s")
        Duration rewriteTimeout();
    }

    interface Slack {
        /**
         * Slack's signing secret (app settings, "Basic Information"); set it as
         * {@code JIKJI_SLACK_SIGNING_SECRET}. Without it the /slack endpoints answer 503: unsigned requests are
         * never accepted.
         */
        Optional<String> signingSecret();

        /** The bot's OAuth token ({@code xoxb-…}); set it as {@code JIKJI_SLACK_BOT_TOKEN}. Needed to answer events. */
        Optional<String> botToken();

        /** Slack's Web API; tests point it at a local server. */
        @WithDefault("https://slack.com/api/")
        String apiBaseUrl();

        /** Signed requests whose timestamp is further than this from now (either way) are refused. */
        @WithDefault("300")
        int maxAgeSeconds();

        /** Sources given to the generator for a Slack question. */
        @WithDefault("5")
        int topK();

        /** Questions answered at once; more wait in a queue of {@code queue-size}, beyond it they are turned away. */
        @WithDefault("2")
        int workers();

        @WithDefault("100")
        int queueSize();

        /**
         * Groups each Slack channel may read, e.g. {@code jikji.slack.channel-groups.C0123ABCD=staff,ops}; a channel
         * not listed sees only documents without an {@code acl}.
         */
        Map<String, String> channelGroups();
    }

    interface Auth {
        /**
         * Off by default (the embedded start): every caller is then an anonymous admin that sees every document,
         * and a warning says so at start. On: {@code /api/v1/*} needs an API key.
         */
        @WithDefault("false")
        boolean enabled();

        /** A mounted secret, one key a line: {@code name:sha256hex:roles:groups} ({@code jikji key-hash} prints one). */
        Optional<Path> keysFile();

        /**
         * Keys in the same format, inline, separated by {@code ;} or new lines (only their hashes: never plain
         * keys); e.g. {@code JIKJI_AUTH_KEYS=reader:9f86…:read:staff;ops-bot:60303a…:read,write:staff,ops}.
         */
        Optional<String> keys();
    }

    interface Limits {
        /** Requests a minute per API key (a token bucket, bursts up to this many); 0 is no limit. */
        @WithDefault("0")
        int requestsPerMinute();

        /** Documents (or files) one ingest request may carry. */
        @WithDefault("1000")
        int maxDocumentsPerBatch();

        /**
         * Requests doing work at once (searches, answers, ingests, deletes); the others wait, searches and answers
         * before ingest. 0: twice the cores; -1: no admission control.
         */
        @WithDefault("0")
        int concurrentWork();

        /**
         * How many of those slots ingest steps and deletes may hold at once, so searches always find slots that
         * ingest cannot fill. 0: half of them (at least one).
         */
        @WithDefault("0")
        int ingestConcurrentWork();

        /** Longest an ingest or delete waits behind searches and answers before it is let in anyway, so ingest always advances. */
        @WithDefault("2s")
        Duration ingestMaxWait();

        /**
         * How many nice values below searches and answers ingest steps and deletes run once let in (1-19, on threads
         * of their own), so that the kernel gives the cores to a search first while both run; 0: on the request's
         * thread, at its priority.
         */
        @WithDefault("5")
        int ingestNiceness();
    }

    /**
     * Limits every document parser runs under (PDF, Word, HTML, Markdown, text), on a bounded pool of its own;
     * a document over one is refused with a 422 naming the file and the limit (README "Limits").
     */
    interface Parsing {
        /** Wall-clock time one document may take to parse; a watchdog abandons it then. */
        @WithDefault("30s")
        Duration timeout();

        /** Pages of a PDF, counted in its real page tree (never its declared {@code /Count}). */
        @WithDefault("2000")
        int maxPages();

        /** Characters of text extracted from one document. */
        @WithDefault("5000000")
        int maxCharacters();

        /** Images and embedded objects (PDF XObjects, Word pictures and embedded parts) in one document. */
        @WithDefault("2000")
        int maxEmbeddedObjects();

        /** Temporary-file space PDFBox may use for one PDF (it buffers nothing on the heap). */
        @WithDefault("512M")
        MemorySize maxTempStorage();

        /** Documents parsed at once; more wait in a queue of {@code queue-size}, beyond which a request gets 503. */
        @WithDefault("4")
        int threads();

        @WithDefault("64")
        int queueSize();
    }
}
