package dev.jikji.index;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/** Reads back the vectors a Lucene index holds for one document's chunks, by {@link ReindexSource#chunkKey}. */
final class ChunkVectors {

    private ChunkVectors() {}

    static Map<String, float[]> of(IndexSearcher searcher, String documentId) throws IOException {
        BooleanQuery chunks = LuceneRecords.partsOf(documentId, IndexFields.TYPE_CHUNK).build();
        // sized by the document's chunks, not the index: this runs once per document written
        int count = searcher.count(chunks);
        if (count == 0) return Map.of();
        StoredFields stored = searcher.storedFields();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Map<String, float[]> vectors = new HashMap<>();
        for (ScoreDoc d : searcher.search(chunks, count).scoreDocs) {
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(d.doc, leaves));
            FloatVectorValues values = leaf.reader().getFloatVectorValues(IndexFields.VECTOR);
            if (values == null) continue;
            KnnVectorValues.DocIndexIterator at = values.iterator();
            int local = d.doc - leaf.docBase;
            if (at.advance(local) != local) continue; // a chunk stored without a vector (a language not embedded)
            Document chunk = stored.document(d.doc);
            vectors.put(ReindexSource.chunkKey(chunk.get(IndexFields.TITLE), chunk.get(IndexFields.HEADING_PATH),
                    chunk.get(IndexFields.TEXT)), values.vectorValue(at.index()).clone());
        }
        return vectors;
    }
}
