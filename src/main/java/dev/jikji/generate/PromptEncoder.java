package dev.jikji.generate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Encodes a rendered prompt so that only the template writes control tokens. Hugging Face tokenizers match their
 * added tokens ({@code <|im_end|>}, {@code <start_of_turn>}, …) anywhere in the input, and there is no switch in
 * DJL's binding to turn that off; so message text (questions, history, source passages) is encoded around every
 * occurrence of an added token's string: the text before it, its first character, then the rest, each on its own.
 * No piece then holds the whole token string, and the token comes out as the plain-text tokens it is made of.
 */
public final class PromptEncoder {

    private final Function<String, long[]> encoder;
    private final List<String> addedTokens;

    /** @param addedTokens every added token of the tokenizer (special or not): each is matched in any input */
    public PromptEncoder(Function<String, long[]> encoder, Collection<String> addedTokens) {
        this.encoder = encoder;
        this.addedTokens = addedTokens.stream().filter(t -> !t.isEmpty()).toList();
    }

    public long[] encode(List<ChatTemplate.Piece> pieces) {
        List<long[]> parts = new ArrayList<>();
        for (ChatTemplate.Piece p : pieces) {
            if (p.messageText()) plain(p.text(), parts);
            else if (!p.text().isEmpty()) parts.add(encoder.apply(p.text()));
        }
        int n = parts.stream().mapToInt(a -> a.length).sum();
        long[] ids = new long[n];
        int at = 0;
        for (long[] a : parts) {
            System.arraycopy(a, 0, ids, at, a.length);
            at += a.length;
        }
        return ids;
    }

    /** Encodes {@code text} so that none of the added tokens can match in it. */
    void plain(String text, List<long[]> out) {
        int from = 0;
        while (from < text.length()) {
            int at = -1;
            for (String t : addedTokens) {
                int i = text.indexOf(t, from);
                if (i >= 0 && (at < 0 || i < at)) at = i;
            }
            if (at < 0) {
                out.add(encoder.apply(text.substring(from)));
                return;
            }
            if (at > from) out.add(encoder.apply(text.substring(from, at)));
            // the first character alone; the rest is scanned again (it may start another added token)
            int first = Character.charCount(text.codePointAt(at));
            out.add(encoder.apply(text.substring(at, at + first)));
            from = at + first;
        }
    }
}
