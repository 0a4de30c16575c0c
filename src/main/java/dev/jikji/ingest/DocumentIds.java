package dev.jikji.ingest;

import java.text.Normalizer;
import java.util.Set;

/**
 * Document ids are compared as text, so one id must have one spelling: ids are normalised to NFC (a Korean file
 * name from macOS arrives decomposed), and refused when they hold characters that look like a separator but are
 * not one (U+2215 ∕ would make {@code wiki∕vpn} a second document listed like {@code wiki/vpn}), or that cannot be
 * seen (format characters such as zero-width spaces and bidi controls, Hangul fillers, variation selectors).
 */
public final class DocumentIds {

    /** Slash, backslash and dot look-alikes. */
    private static final Set<Integer> LOOKALIKES = Set.of(
            0x2215, 0x2044, 0xFF0F, 0x29F8, 0x2571, 0x27CB, // slashes: ∕ ⁄ ／ ⧸ ╱ ⟋
            0x2216, 0xFF3C, 0x29F5, 0x29F9, 0xFE68, 0x2572, 0x27CD, // backslashes: ∖ ＼ ⧵ ⧹ ﹨ ╲ ⟍
            0x2024, 0x2025, 0xFF0E, 0xFE52); // dots, which could spell a '..' segment: ․ ‥ ． ﹒

    /** Characters with no glyph that are not format characters. */
    private static final Set<Integer> INVISIBLE = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x034F, 0x180E, 0x2800, 0xFFFD);

    private DocumentIds() {}

    /** The id in NFC; lookups (GET, DELETE) use the same form. */
    public static String normalize(String id) {
        return id == null ? null : Normalizer.normalize(id, Normalizer.Form.NFC);
    }

    /** Throws {@link InvalidFieldException} (field {@code id}) for a look-alike separator or an invisible character. */
    public static void check(String id) {
        for (int i = 0; i < id.length(); ) {
            int c = id.codePointAt(i);
            if (LOOKALIKES.contains(c)) {
                throw new InvalidFieldException("id", String.format("id must not contain U+%04X, which looks like a path"
                        + " separator or dot but is not one; use '/' or '.'", c));
            }
            int type = Character.getType(c);
            boolean variationSelector = (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
            if (type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED || INVISIBLE.contains(c) || variationSelector
                    || (Character.isWhitespace(c) && c != ' ') || Character.isSpaceChar(c) && c != ' ') {
                throw new InvalidFieldException("id", String.format("id must not contain the invisible or unassigned"
                        + " character U+%04X", c));
            }
            i += Character.charCount(c);
        }
    }
}
