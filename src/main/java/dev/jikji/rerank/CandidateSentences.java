package dev.jikji.rerank;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jikji.index.TextTerms;
import dev.jikji.index.TextTerms.TermPositions;
import dev.jikji.ingest.SentenceSplitter;
import dev.jikji.language.QuestionType;
import java.util.ArrayList;
import java.util.List;

/**
 * A candidate chunk's sentences as the built-in reranker's sentence features read them, kept by the chunk's text.
 * Splitting, the answer-type markers (regular expressions) and the white-space-free copy for the bigram feature
 * were redone for every candidate of every search, and searches return mostly the same chunks (a JFR profile under
 * {@code bin/load}, README "Load run", stop 26).
 */
final class CandidateSentences {

    /**
     * One sentence: its terms, its text without white space, and which answer-type markers it holds (a bit per
     * {@link QuestionType} ordinal, for the types whose marker the reranker requires).
     */
    record Sentence(TermPositions terms, String compact, int markers) {
        boolean fits(QuestionType type) {
            return (markers & (1 << type.ordinal())) != 0;
        }
    }

    private static final List<QuestionType> MARKED = java.util.Arrays.stream(QuestionType.values())
            .filter(QuestionType::needsMarker).toList();

    private final TextTerms text;
    private final Cache<String, List<Sentence>> cache;

    /** {@code cacheMb} 0 splits every call. */
    CandidateSentences(TextTerms text, int cacheMb) {
        this.text = text;
        this.cache = cacheMb <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(cacheMb * 1024L * 1024L)
                .weigher((String t, List<Sentence> s) -> (int) Math.min(Integer.MAX_VALUE, 4L * t.length() + 64L * s.size()))
                .build();
    }

    List<Sentence> of(String chunkText) {
        return cache == null ? split(chunkText) : cache.get(chunkText, this::split);
    }

    private List<Sentence> split(String chunkText) {
        List<String> sentences = SentenceSplitter.sentences(chunkText);
        List<Sentence> out = new ArrayList<>(sentences.size());
        for (String s : sentences) {
            int markers = 0;
            for (QuestionType t : MARKED) if (t.fits(s)) markers |= 1 << t.ordinal();
            out.add(new Sentence(text.positions(s), BuiltinReranker.withoutWhiteSpace(s), markers));
        }
        return List.copyOf(out);
    }
}
