package dev.jikji.index;

import dev.jikji.config.JikjiConfig;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.ko.KoreanPartOfSpeechStopFilter;
import org.apache.lucene.analysis.ko.KoreanReadingFormFilter;
import org.apache.lucene.analysis.ko.KoreanTokenizer;
import org.apache.lucene.analysis.miscellaneous.ConditionalTokenFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.jboss.logging.Logger;

/**
 * Text analysis for mixed Korean and English documents. Nori segments Korean into morphemes and drops
 * particles and endings by part of speech (so 생성은 and 생성 meet, with the help of a small user
 * dictionary for nouns Nori splits inconsistently, and a company's own nouns when configured); Latin-script tokens, which Nori
 * passes through whole, are lower-cased, stripped of English stop words and possessives and stemmed
 * with KStem (so Transformers meets transformer) without touching the Korean ones. A company's synonyms
 * ({@link SearchSynonyms}), when configured, fold last.
 */
public final class JikjiAnalyzer extends Analyzer {

    private static final Logger LOG = Logger.getLogger(JikjiAnalyzer.class);

    private final KoreanTokenizer.DecompoundMode decompoundMode;
    private final Set<POS.Tag> stopTags;
    private final Set<POS.Tag> extraStopTags;
    private final NoriUserDictionary dictionary;
    private final SearchSynonyms synonyms;

    public JikjiAnalyzer(KoreanTokenizer.DecompoundMode decompoundMode, Set<POS.Tag> extraStopTags) {
        this(decompoundMode, extraStopTags, NoriUserDictionary.BUNDLED, SearchSynonyms.NONE);
    }

    private JikjiAnalyzer(KoreanTokenizer.DecompoundMode decompoundMode, Set<POS.Tag> extraStopTags,
            NoriUserDictionary dictionary, SearchSynonyms synonyms) {
        this.decompoundMode = decompoundMode;
        this.dictionary = dictionary;
        this.synonyms = synonyms;
        this.extraStopTags = new TreeSet<>(extraStopTags);
        Set<POS.Tag> tags = EnumSet.copyOf(KoreanPartOfSpeechStopFilter.DEFAULT_STOP_TAGS);
        tags.addAll(extraStopTags);
        this.stopTags = tags;
    }

    public static JikjiAnalyzer of(String decompoundMode) {
        return of(decompoundMode, List.of());
    }

    public static JikjiAnalyzer of(String decompoundMode, List<String> extraStopTags) {
        Set<POS.Tag> extra = EnumSet.noneOf(POS.Tag.class);
        for (String tag : extraStopTags) {
            if (tag.isBlank() || tag.strip().equalsIgnoreCase("none")) continue;
            try {
                extra.add(POS.Tag.valueOf(tag.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown Nori part-of-speech tag '" + tag + "' in jikji.search.nori-extra-stop-tags");
            }
        }
        return new JikjiAnalyzer(KoreanTokenizer.DecompoundMode.valueOf(decompoundMode.toUpperCase(Locale.ROOT)), extra);
    }

    /**
     * The configured analysis: Nori settings, a company's own nouns ({@code jikji.search.nori-user-dictionary}) and
     * synonyms ({@code jikji.search.synonyms}), whose words are analysed with the nouns already known.
     */
    public static JikjiAnalyzer of(JikjiConfig.Search search) {
        JikjiAnalyzer analysis = of(search.noriDecompoundMode(), search.noriExtraStopTags());
        if (search.noriUserDictionary().isPresent()) {
            Path file = search.noriUserDictionary().get();
            analysis = analysis.withUserDictionary(file);
            LOG.infof("Nori user dictionary: the bundled entries and %s (jikji.search.nori-user-dictionary)", file);
        }
        if (search.synonyms().isPresent()) {
            Path file = search.synonyms().get();
            SearchSynonyms synonyms = SearchSynonyms.read(file, analysis);
            LOG.infof("Synonyms: %d rules from %s (jikji.search.synonyms)", synonyms.size(), file);
            analysis = analysis.withSynonyms(synonyms);
        }
        return analysis;
    }

    /** This analysis with {@code synonyms} applied after it (their words already analysed by this one). */
    public JikjiAnalyzer withSynonyms(SearchSynonyms synonyms) {
        return new JikjiAnalyzer(decompoundMode, extraStopTags, dictionary, synonyms);
    }

    /** This analysis with the bundled Nori user dictionary and the entries of {@code file} after them. */
    public JikjiAnalyzer withUserDictionary(Path file) {
        return new JikjiAnalyzer(decompoundMode, extraStopTags, NoriUserDictionary.BUNDLED.plus(file), synonyms);
    }

    public SearchSynonyms synonyms() {
        return synonyms;
    }

    public KoreanTokenizer.DecompoundMode decompoundMode() {
        return decompoundMode;
    }

    /** Every part of speech the analysis drops (Nori's defaults and the configured extras). */
    public Set<POS.Tag> stopTags() {
        return java.util.Collections.unmodifiableSet(stopTags);
    }

    /** The Nori user dictionary's entries, for an engine that analyses on its own side (SolrCloud). */
    public String userDictionary() {
        return dictionary.text();
    }

    /** Written into the index so that a different analysis is not mixed into it unnoticed. */
    public String fingerprint() {
        return "nori:" + decompoundMode.name().toLowerCase(Locale.ROOT)
                + (extraStopTags.isEmpty() ? "" : "-" + extraStopTags.stream().map(Enum::name).collect(Collectors.joining(",")))
                + "+dict:" + dictionary.fingerprint()
                + "+lower+kstem:v1"
                + (synonyms.isEmpty() ? "" : "+syn:" + synonyms.fingerprint());
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        KoreanTokenizer tokenizer = new KoreanTokenizer(
                TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, dictionary.dictionary(), decompoundMode, false, true);
        TokenStream stream = new KoreanPartOfSpeechStopFilter(tokenizer, stopTags);
        stream = new KoreanReadingFormFilter(stream);
        stream = new LowerCaseFilter(stream);
        stream = new LatinOnly(stream);
        // flattened at query time too: one analyzer serves both, and folding (expand=false) leaves one path anyway
        if (!synonyms.isEmpty()) stream = new FlattenGraphFilter(new SynonymGraphFilter(stream, synonyms.map(), false));
        return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(in);
    }

    /** Applies the English chain to tokens with no Hangul in them. */
    private static final class LatinOnly extends ConditionalTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        LatinOnly(TokenStream input) {
            super(input, s -> new KStemFilter(new StopFilter(new EnglishPossessiveFilter(s),
                    EnglishAnalyzer.ENGLISH_STOP_WORDS_SET)));
        }

        @Override
        protected boolean shouldFilter() {
            for (int i = 0; i < term.length(); i++) {
                if (Character.UnicodeScript.of(term.charAt(i)) == Character.UnicodeScript.HANGUL) {
                    return false;
                }
            }
            return true;
        }
    }
}
