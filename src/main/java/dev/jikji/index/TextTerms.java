package dev.jikji.index;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.jikji.config.JikjiConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;

/**
 * Text as the index analyses its {@code contents} field (Nori morphemes for Korean, stemmed English): the one
 * analyzer term loop that the reranker, the confidence gate, citation checking, the extractive answerer and the
 * follow-up rule share. Analysed positions of a text are cached (bounded by {@code jikji.index.term-cache-mb},
 * keyed by the text itself) because the same candidate chunks come back query after query, and Nori analysis of
 * them was two thirds of a search's CPU under load (measured with JFR under {@code bin/load}).
 */
@Singleton
public class TextTerms {

    /**
     * One analysed token: its term, position, character offsets in the text, Nori's left part of speech ({@code SL}
     * for a Latin word; null where no Nori token stands behind it, as for a synonym rule's term) and whether a synonym
     * rule ({@code jikji.search.synonyms}) put it there.
     */
    public record Token(String term, int position, int start, int end, POS.Tag leftPos, boolean synonym) {}

    @FunctionalInterface
    public interface TokenSink {
        void accept(Token token);
    }

    private final Analyzer analyzer;
    private final Cache<String, TermPositions> cache;

    @Inject
    public TextTerms(SearchIndex index, JikjiConfig config) {
        this(index.analyzer(), config.index().termCacheMb());
    }

    /** {@code cacheMb} 0 analyses every call. */
    public TextTerms(Analyzer analyzer, int cacheMb) {
        this.analyzer = analyzer;
        this.cache = cacheMb <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(cacheMb * 1024L * 1024L)
                .weigher((String text, TermPositions p) -> (int) Math.min(Integer.MAX_VALUE, 2L * text.length() + p.bytes()))
                .build();
    }

    /** Uncached, for texts outside any server (tests, tools). */
    public static TextTerms of(Analyzer analyzer) {
        return new TextTerms(analyzer, 0);
    }

    /** Every term of {@code text} with its positions, terms in order of first occurrence. */
    public TermPositions positions(String text) {
        if (text == null || text.isBlank()) return TermPositions.EMPTY;
        return cache == null ? analyse(text) : cache.get(text, this::analyse);
    }

    /** The distinct terms of {@code text}, in order of first occurrence. */
    public Set<String> terms(String text) {
        return positions(text).terms();
    }

    /** The terms of {@code text} in order, repeats kept. */
    public List<String> sequence(String text) {
        List<String> out = new ArrayList<>();
        forEach(text, t -> out.add(t.term()));
        return out;
    }

    /** Every token of {@code text}, uncached (offsets and parts of speech are for short texts such as questions). */
    public void forEach(String text, TokenSink sink) {
        if (text == null || text.isBlank()) return;
        try (TokenStream ts = analyzer.tokenStream(IndexFields.CONTENTS, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            PartOfSpeechAttribute pos = ts.addAttribute(PartOfSpeechAttribute.class);
            TypeAttribute type = ts.addAttribute(TypeAttribute.class);
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += inc.getPositionIncrement();
                sink.accept(new Token(term.toString(), position, offset.startOffset(), offset.endOffset(), pos.getLeftPOS(),
                        SynonymGraphFilter.TYPE_SYNONYM.equals(type.type())));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TermPositions analyse(String text) {
        Map<String, List<Integer>> found = new LinkedHashMap<>();
        forEach(text, t -> found.computeIfAbsent(t.term(), k -> new ArrayList<>()).add(t.position()));
        Map<String, int[]> out = new LinkedHashMap<>(found.size() * 2);
        found.forEach((term, ps) -> out.put(term, ps.stream().mapToInt(Integer::intValue).toArray()));
        return new TermPositions(Collections.unmodifiableMap(out));
    }

    /** The positions of each distinct term of one text; immutable (shared through the cache). */
    public record TermPositions(Map<String, int[]> byTerm) {
        public static final TermPositions EMPTY = new TermPositions(Map.of());

        public Set<String> terms() {
            return byTerm.keySet();
        }

        public boolean contains(String term) {
            return byTerm.containsKey(term);
        }

        /** Each position of {@code term} in the text, in order; none when absent. */
        public void forEachPosition(String term, IntConsumer action) {
            int[] p = byTerm.get(term);
            if (p != null) for (int position : p) action.accept(position);
        }

        /** Rough heap size, for the cache's bound. */
        long bytes() {
            long b = 64;
            for (Map.Entry<String, int[]> e : byTerm.entrySet()) b += 96 + 2L * e.getKey().length() + 4L * e.getValue().length;
            return b;
        }
    }
}
