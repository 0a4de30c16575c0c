package dev.jikji.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Turns the bytes of an uploaded text file into a string, whatever its encoding: a byte-order mark
 * decides first (UTF-8, UTF-16 LE/BE); then strict UTF-8, which nearly never decodes text in another
 * encoding; then juniversalchardet's guess, with EUC-KR read as its superset CP949 (x-windows-949),
 * the encoding Korean Windows tools write. Bytes that decode to no text are refused: a binary file
 * named .txt must not be indexed as garbage.
 */
public final class TextDecoder {

    private static final Charset CP949 = Charset.forName("x-windows-949");

    private TextDecoder() {}

    /** The decoded text, or empty when the bytes are not text in any encoding we recognise. */
    public static Optional<String> decode(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) return strict(bytes, 3, StandardCharsets.UTF_8);
        if (startsWith(bytes, 0xFF, 0xFE)) return strict(bytes, 2, StandardCharsets.UTF_16LE);
        if (startsWith(bytes, 0xFE, 0xFF)) return strict(bytes, 2, StandardCharsets.UTF_16BE);
        Optional<String> utf8 = strict(bytes, 0, StandardCharsets.UTF_8);
        if (utf8.isPresent()) return utf8;
        UniversalDetector detector = new UniversalDetector();
        detector.handleData(bytes, 0, bytes.length);
        detector.dataEnd();
        String guess = detector.getDetectedCharset();
        if (guess == null) return Optional.empty();
        Charset charset = guess.equalsIgnoreCase("EUC-KR") ? CP949 : Charset.forName(guess);
        return strict(bytes, 0, charset);
    }

    private static Optional<String> strict(byte[] bytes, int offset, Charset charset) {
        try {
            String s = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
            return looksBinary(s) ? Optional.empty() : Optional.of(s);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** NUL or a high share of other control characters: an executable, an image, a zip. */
    static boolean looksBinary(String s) {
        int control = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) return true;
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\f') control++;
        }
        return control > Math.max(2, s.length() / 100);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) return false;
        }
        return true;
    }
}
