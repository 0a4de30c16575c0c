package dev.jikji.rag;

import dev.jikji.ingest.SentenceSplitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every {@code [n]} of a generated answer before the user sees it: {@code n} must name a source
 * that was given, and that source must support the sentence the marker closes, measured as the
 * IDF-weighted share of the sentence's content terms found in the source (see {@link TermWeights}).
 * Markers that fail are removed; the sentence itself stays (uncited), so a partly supported answer
 * keeps its supported claims. A marker at the start of a sentence belongs to the sentence before it
 * ("… 합니다. [2] 다음 …"), the way models often place them.
 */
public final class CitationVerifier {

    static final Pattern MARKER = Pattern.compile("\\s?\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)\\]");
    /** Inline code: "are written as `[1][3]`" shows the syntax; a marker in it is text, not a citation. */
    private static final Pattern CODE = Pattern.compile("`[^`\\n]+`");

    private final double minSupport;

    public CitationVerifier(double minSupport) {
        this.minSupport = minSupport;
    }

    public record Verified(String answer, List<AskResult.Citation> citations, List<AskResult.Removed> removed, int kept) {}

    public Verified verify(String answer, List<Source> sources, TermWeights weights) {
        Map<Integer, Source> byN = new LinkedHashMap<>();
        for (Source s : sources) byN.put(s.n(), s);
        Map<Integer, Set<String>> sourceTerms = new LinkedHashMap<>();
        List<int[]> sentences = claimSpans(answer);
        StringBuilder out = new StringBuilder();
        Map<Integer, AskResult.Citation> citations = new LinkedHashMap<>();
        List<AskResult.Removed> removed = new ArrayList<>();
        int kept = 0;
        int copied = 0;
        boolean pendingSpace = false;
        List<int[]> code = new ArrayList<>();
        for (Matcher c = CODE.matcher(answer); c.find(); ) code.add(new int[] {c.start(), c.end()});
        Matcher m = MARKER.matcher(answer);
        while (m.find()) {
            if (inside(code, m.start(1))) continue;
            String claim = claimFor(answer, sentences, m.start());
            List<Integer> keep = new ArrayList<>();
            for (String part : m.group(1).split(",")) {
                int n = Integer.parseInt(part.trim());
                Source source = byN.get(n);
                if (source == null) {
                    removed.add(new AskResult.Removed(n, "no source [" + n + "] was given", claim));
                    continue;
                }
                Set<String> claimTerms = weights.terms(claim);
                Set<String> terms = sourceTerms.computeIfAbsent(n, k -> weights.terms(source.supportText()));
                double support = weights.coverage(claimTerms, terms);
                if (support < minSupport) {
                    removed.add(new AskResult.Removed(n, String.format(java.util.Locale.ROOT,
                            "source [%d] supports %.0f%% of the sentence (needs %.0f%%)", n, support * 100, minSupport * 100),
                            claim));
                    continue;
                }
                if (!keep.contains(n)) keep.add(n);
                kept++;
                citations.computeIfAbsent(n, k -> citation(source, claimTerms, weights));
            }
            out.append(answer, copied, m.start());
            // "[1][2]" with [1] removed must still read " [2]": the removed marker's space passes on
            boolean leadingSpace = m.group().startsWith(" ") || (pendingSpace && m.start() == copied);
            if (keep.isEmpty()) {
                pendingSpace = leadingSpace;
            } else {
                out.append(leadingSpace ? " " : "");
                for (int n : keep) out.append('[').append(n).append(']');
                pendingSpace = false;
            }
            copied = m.end();
        }
        out.append(answer.substring(copied));
        return new Verified(out.toString().strip(), List.copyOf(citations.values()), removed, kept);
    }

    private static boolean inside(List<int[]> ranges, int at) {
        for (int[] r : ranges) if (at > r[0] && at < r[1]) return true;
        return false;
    }

    /** Sentence spans with markers that open a sentence moved to the one before. */
    private static List<int[]> claimSpans(String answer) {
        List<int[]> spans = new ArrayList<>(SentenceSplitter.split(answer));
        for (int i = 1; i < spans.size(); i++) {
            int[] s = spans.get(i);
            Matcher lead = Pattern.compile("^(\\s*\\[\\d{1,3}(?:\\s*,\\s*\\d{1,3})*\\])+").matcher(answer.substring(s[0], s[1]));
            if (lead.find()) {
                int cut = s[0] + lead.end();
                spans.get(i - 1)[1] = cut;
                s[0] = cut;
            }
        }
        return spans;
    }

    private static String claimFor(String answer, List<int[]> spans, int markerStart) {
        for (int[] s : spans) {
            if (markerStart >= s[0] && markerStart < s[1]) {
                return MARKER.matcher(answer.substring(s[0], s[1])).replaceAll("").strip();
            }
        }
        return "";
    }


    /** The source's sentence that says most of the claim, shown to the user as the quote. */
    private static AskResult.Citation citation(Source s, Set<String> claimTerms, TermWeights weights) {
        String best = null;
        double bestScore = -1;
        // line by line with Markdown list markers and emphasis stripped, table rows with their column names: the
        // quote is shown as prose
        for (SourceLines.Line line : SourceLines.of(s.hit().text())) {
            for (String sentence : SentenceSplitter.sentences(line.prose())) {
                double score = weights.coverage(claimTerms, weights.terms(sentence));
                if (score > bestScore) {
                    bestScore = score;
                    best = sentence;
                }
            }
        }
        String quote = best == null ? "" : best.strip();
        if (quote.length() > 300) quote = quote.substring(0, 297) + "…";
        return new AskResult.Citation(s.n(), s.hit().documentId(), s.hit().chunkId(), s.hit().title(), s.hit().source(),
                s.hit().headingPath(), s.hit().page(), quote);
    }
}
