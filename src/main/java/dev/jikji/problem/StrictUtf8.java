package dev.jikji.problem;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses bytes that are not well-formed UTF-8 before a parser sees them. Jackson's fast decoder accepts overlong
 * forms ({@code C0 AF} read as {@code /}), which would let an id slip past the checks on its characters.
 */
public final class StrictUtf8 {

    private StrictUtf8() {}

    /** Throws a 400 problem naming {@code field} and the byte offset of the first malformed sequence. */
    public static void check(byte[] bytes, String field, Integer line) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.min(bytes.length, 8192) + 16);
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                String detail = "the body is not valid UTF-8 (malformed or overlong sequence at byte " + in.position() + ")";
                throw line == null ? ProblemException.badRequest(field, detail)
                        : ProblemException.badLine(line, field, "line " + line + ": " + detail);
            }
            if (r.isUnderflow()) break;
            out.clear();
        }
        out.clear();
        if (decoder.flush(out).isError()) throw ProblemException.badRequest(field, "the body is not valid UTF-8");
    }

    /** The text of {@code bytes}, refusing malformed UTF-8 (a 400 naming {@code field}). */
    public static String decode(byte[] bytes, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest(field, field + " is not valid UTF-8");
        }
    }
}
