package dev.jikji.rag;

import dev.jikji.language.Language;
import dev.jikji.generate.ContextWindow;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits the numbered sources into what the model's window leaves after the instructions, the question
 * and the tokens reserved for the answer. Sources are taken in rank order; the first that does not fit
 * whole is shortened at a sentence or word boundary when a useful part of it fits, and later ones are
 * dropped, so the best sources always reach the model.
 */
final class ContextBudget {

    /** Below this many tokens a shortened source says too little to be worth its number. */
    static final int MIN_SOURCE_TOKENS = 48;

    private final ContextWindow window;
    private final int answerTokens;

    ContextBudget(ContextWindow window, int answerTokens) {
        this.window = window;
        this.answerTokens = answerTokens;
    }

    List<Source> fit(Language language, String question, List<Source> sources) {
        int fixed = window.countTokens(Prompts.system(language)) + window.countTokens(Prompts.user(language, question, List.of()))
                + 32; // chat-template tokens around each message
        int left = window.contextTokens() - answerTokens - fixed;
        if (left <= 0) {
            throw new IllegalArgumentException("the question leaves no room for sources in the generator's "
                    + window.contextTokens() + "-token window");
        }
        List<Source> out = new ArrayList<>();
        for (Source s : sources) {
            int cost = window.countTokens(Prompts.sourceBlock(s));
            if (cost <= left) {
                out.add(s);
                left -= cost;
                continue;
            }
            if (left >= MIN_SOURCE_TOKENS) {
                Source cut = shorten(s, left);
                if (cut != null) out.add(cut);
            }
            break;
        }
        return out;
    }

    private Source shorten(Source s, int tokens) {
        String text = s.text();
        int lo = 0;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (window.countTokens(Prompts.sourceBlock(s.truncated(text.substring(0, mid) + "…"))) <= tokens) lo = mid;
            else hi = mid - 1;
        }
        if (lo == 0) return null;
        int cut = lo;
        // searched below the limit so that the cut after the boundary never exceeds it
        int boundary = Math.max(text.lastIndexOf(". ", cut - 2), text.lastIndexOf('\n', cut - 1));
        if (boundary > cut / 2) cut = boundary + 1;
        else {
            int space = text.lastIndexOf(' ', cut - 1);
            if (space > cut / 2) cut = space;
        }
        return s.truncated(text.substring(0, cut).strip() + "…");
    }
}
