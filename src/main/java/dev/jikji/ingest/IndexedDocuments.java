package dev.jikji.ingest;

import dev.jikji.index.DocumentRecord;
import dev.jikji.index.IndexedChunk;
import dev.jikji.index.IndexedDocument;
import dev.jikji.language.Language;
import java.util.ArrayList;
import java.util.List;

/** Turns ingest's chunks, their vectors and languages into the unit the index writes. */
public final class IndexedDocuments {

    private IndexedDocuments() {}

    /** Every chunk with its vector (null: none), language unknown. */
    public static IndexedDocument of(DocumentRecord record, String metadataJson, String original, List<Chunk> chunks,
            List<float[]> vectors) {
        return of(record, metadataJson, original, chunks, vectors, null);
    }

    /** As above, with each chunk's detected language ({@code languages}, null when unknown). */
    public static IndexedDocument of(DocumentRecord record, String metadataJson, String original, List<Chunk> chunks,
            List<float[]> vectors, List<Language> languages) {
        if (chunks.size() != vectors.size()) {
            throw new IllegalArgumentException(chunks.size() + " chunks but " + vectors.size() + " vectors");
        }
        if (languages != null && languages.size() != chunks.size()) {
            throw new IllegalArgumentException(chunks.size() + " chunks but " + languages.size() + " languages");
        }
        List<IndexedChunk> out = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            out.add(new IndexedChunk(c.ordinal(), c.headingPath(), c.text(), c.start(), c.end(), c.page(),
                    c.contextualText(record.title()), languages == null ? null : languages.get(i).code(), vectors.get(i)));
        }
        return new IndexedDocument(record, metadataJson, original, out);
    }
}
