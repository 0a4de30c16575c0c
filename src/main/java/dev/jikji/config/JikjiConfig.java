package dev.jikji.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;

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
    }

    interface Chunking {
        /** Target chunk size, in tokens of the embedding model's tokenizer. */
        @WithDefault("256")
        int targetTokens();

        /** Tokens of whole sentences repeated from the end of one chunk at the start of the next. */
        @WithDefault("32")
        int overlapTokens();
    }

    interface Embedding {
        /** A folder with model.onnx, tokenizer.json and embedding.json; when absent the embedded e5-small-v2 int8 is used. */
        @WithDefault("onnx-models/embedding")
        Path modelDir();

        @WithDefault("16")
        int batchSize();

        /** ONNX sessions kept for embedding; each runs one batch at a time. */
        @WithDefault("1")
        int sessions();
    }

    interface Onnx {
        @WithDefault("auto")
        Device device();

        /** Threads per ONNX session; 0 lets ONNX Runtime choose. */
        @WithDefault("0")
        int intraOpThreads();

        @WithDefault("0")
        int cudaDeviceId();

        enum Device { AUTO, CPU, CUDA }
    }

    interface Index {
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
         * When the index on disk was built with another embedding model or analysis: {@code refuse} to
         * start, or {@code reindex}: set it aside as {@code index.previous}, rebuild from the originals
         * it stores, then delete it. An interrupted rebuild resumes at the next start.
         */
        @WithDefault("refuse")
        ModelMismatch onModelMismatch();

        enum ModelMismatch { REFUSE, REINDEX }

    }

    interface Search {
        @WithDefault("10")
        int defaultTopK();

        @WithDefault("100")
        int maxTopK();

        /** Candidates taken from each leg (BM25 and kNN) before fusion. */
        @WithDefault("50")
        int candidates();

        /** The k of reciprocal rank fusion, 1/(k + rank). */
        @WithDefault("60")
        int rrfK();

        /**
         * Weight of the vector leg for a query in a language the embedder does not declare; 0 skips
         * the leg, since such vectors are close to random and only drag good keyword hits down.
         */
        @WithDefault("0")
        double uncoveredLanguageVectorWeight();

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
    }
}
