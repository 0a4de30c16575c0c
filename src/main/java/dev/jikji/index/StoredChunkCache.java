package dev.jikji.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

/**
 * Chunks read back from the index, kept by segment and document number. Reading a chunk's stored fields
 * decompresses an LZ4 block, and that was a quarter of a Korean search's CPU under {@code bin/load} (a JFR profile,
 * README "Load run"): the legs return mostly the same chunks query after query, and the BM25 and bigram legs
 * return many of the same ones within a query. A segment's stored fields never change (an update writes the new
 * version into another segment), so an entry is never stale; entries of merged-away segments age out of the bound.
 */
final class StoredChunkCache {

    private record Key(Object segment, int doc) {}

    private final Cache<Key, StoredChunk> cache;

    /** {@code cacheMb} 0 reads every chunk from the index. */
    StoredChunkCache(int cacheMb) {
        this.cache = cacheMb <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(cacheMb * 1024L * 1024L)
                .weigher((Key k, StoredChunk c) -> weight(c))
                .build();
    }

    /**
     * One search's reads: a chunk two legs return is read once, and all reads share one {@link StoredFields}
     * (Lucene's advice for a batch of documents).
     */
    Reads reads(IndexSearcher searcher) {
        return new Reads(searcher);
    }

    final class Reads {
        private final IndexSearcher searcher;
        private final Map<Integer, StoredChunk> read = new HashMap<>();
        private StoredFields fields;

        private Reads(IndexSearcher searcher) {
            this.searcher = searcher;
        }

        /** The chunks of the top {@code n} hits of {@code q} on this read's searcher, in rank order. */
        List<StoredChunk> top(Query q, int n) throws IOException {
            return chunks(searcher.search(q, n).scoreDocs);
        }

        List<StoredChunk> chunks(ScoreDoc[] hits) throws IOException {
            List<StoredChunk> out = new ArrayList<>(hits.length);
            try {
                for (ScoreDoc sd : hits) out.add(read.computeIfAbsent(sd.doc, this::load));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return out;
        }

        private StoredChunk load(int doc) {
            Key key = key(searcher.getIndexReader(), doc);
            return key == null || cache == null ? readStored(doc) : cache.get(key, k -> readStored(doc));
        }

        private StoredChunk readStored(int doc) {
            try {
                if (fields == null) fields = searcher.storedFields();
                return LuceneRecords.toChunk(fields.document(doc));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Key key(IndexReader reader, int doc) {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        IndexReader.CacheHelper core = leaf.reader().getCoreCacheHelper();
        return core == null ? null : new Key(core.getKey(), doc - leaf.docBase);
    }

    private static int weight(StoredChunk c) {
        long chars = length(c.text()) + length(c.title()) + length(c.source()) + length(c.documentId())
                + length(c.chunkId());
        for (String h : c.headingPath()) chars += h.length();
        return (int) Math.min(Integer.MAX_VALUE, 160 + 2 * chars);
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
