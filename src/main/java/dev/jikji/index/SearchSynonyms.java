package dev.jikji.index;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * A company's synonyms ({@code jikji.search.synonyms}, Solr's file format), rewritten into the terms the index's
 * analysis makes of them: each word of a rule goes through Nori and the English chain first (숨졌다 becomes 숨지,
 * VPNs becomes vpn, 가상사설망 the morphemes Nori finds), so a rule written the way people write matches the
 * analysed tokens. Rules fold (Solr's {@code expand=false}): every word of {@code a, b, c} becomes {@code a},
 * {@code a, b => c} rewrites one way. The same analysed rules feed Lucene's {@code SynonymGraphFilter} here and the
 * SolrCloud configset's {@code synonyms_ko.txt}, so both backends fold alike.
 */
public final class SearchSynonyms {

    /** No file configured: the analysis is unchanged (and so is its fingerprint). */
    public static final SearchSynonyms NONE = new SearchSynonyms("", null);

    /** Bounds a hostile or mistaken file (a whole dictionary pasted in); a company's jargon is far smaller. */
    static final int MAX_RULES = 100_000;

    private final String rules;
    private final SynonymMap map;

    private SearchSynonyms(String rules, SynonymMap map) {
        this.rules = rules;
        this.map = map;
    }

    /**
     * Reads {@code file} and analyses its words with {@code analysis} (the index's analysis without synonyms).
     *
     * @throws IllegalArgumentException naming the file and line of a rule that cannot be used
     */
    public static SearchSynonyms read(Path file, Analyzer analysis) {
        String text = AnalysisFile.read(file, "jikji.search.synonyms");
        return parse(text, file.toString(), TextTerms.of(analysis));
    }

    static SearchSynonyms parse(String text, String source, TextTerms analysis) {
        List<String> analysed = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String where = "jikji.search.synonyms: " + source + " line " + (n + 1);
            if (analysed.size() == MAX_RULES) throw new IllegalArgumentException(where + ": more than " + MAX_RULES + " rules");
            if (line.contains("\\")) throw new IllegalArgumentException(where + ": escapes (\\) are not supported");
            String[] sides = line.split("=>", -1);
            if (sides.length > 2) throw new IllegalArgumentException(where + ": more than one =>");
            List<String> out = new ArrayList<>();
            for (String side : sides) out.add(side(side, where, analysis));
            analysed.add(String.join(" => ", out));
        }
        if (analysed.isEmpty()) return NONE;
        String rules = String.join("\n", analysed) + "\n";
        try {
            SolrSynonymParser parser = new SolrSynonymParser(true, false, new WhitespaceAnalyzer());
            parser.parse(new StringReader(rules));
            return new SearchSynonyms(rules, parser.build());
        } catch (IOException | ParseException e) {
            throw new IllegalArgumentException("jikji.search.synonyms: " + source + ": " + e.getMessage(), e);
        }
    }

    /** One side of a rule: its comma-separated words, each replaced by its analysed terms. */
    private static String side(String side, String where, TextTerms analysis) {
        List<String> words = new ArrayList<>();
        for (String word : side.split(",", -1)) {
            String w = word.strip();
            if (w.isEmpty()) throw new IllegalArgumentException(where + ": an empty word");
            List<String> terms = analysis.sequence(w);
            if (terms.isEmpty()) {
                throw new IllegalArgumentException(where + ": '" + w + "' leaves no term after analysis (a particle, an"
                        + " ending or a stop word alone)");
            }
            words.add(String.join(" ", terms));
        }
        return String.join(",", words);
    }

    /** How many rules the file holds. */
    public int size() {
        return rules.isEmpty() ? 0 : (int) rules.lines().count();
    }

    public boolean isEmpty() {
        return map == null;
    }

    /** The rules in analysed terms, Solr's format: SolrCloud's {@code synonyms_ko.txt}. */
    public String rules() {
        return rules;
    }

    /** Null when there are none. */
    SynonymMap map() {
        return map;
    }

    /** Part of the analysis fingerprint: 8 hex digits of the analysed rules' hash. */
    public String fingerprint() {
        return ShortHash.of(rules);
    }
}
