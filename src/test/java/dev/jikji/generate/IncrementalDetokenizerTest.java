package dev.jikji.generate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalDetokenizerTest {

    private static final String KOREAN = "직지는 한국어 답변을 스트리밍한다. ok";

    /** Each id is one byte; decoding is lossy UTF-8, as byte-level BPE decoders are. */
    private static String bytesDecoder(long[] ids) {
        byte[] b = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) b[i] = (byte) ids[i];
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void multiByteCharactersAreReleasedOnlyWhenComplete() {
        IncrementalDetokenizer d = new IncrementalDetokenizer(IncrementalDetokenizerTest::bytesDecoder);
        List<String> pieces = new ArrayList<>();
        for (byte b : KOREAN.getBytes(StandardCharsets.UTF_8)) {
            String piece = d.push(b & 0xFF);
            if (!piece.isEmpty()) pieces.add(piece);
        }
        assertThat(d.flush()).isEmpty();
        assertThat(pieces).noneMatch(p -> p.contains("\uFFFD"));
        assertThat(String.join("", pieces)).isEqualTo(KOREAN);
        // one piece per character: each Hangul syllable came out whole after its third byte
        assertThat(pieces).hasSize(KOREAN.length()).startsWith("직", "지", "는", " ");
        assertThat(d.text()).isEqualTo(KOREAN);
    }

    @Test
    void anIncompleteEndIsFlushedAsIs() {
        IncrementalDetokenizer d = new IncrementalDetokenizer(IncrementalDetokenizerTest::bytesDecoder);
        byte[] han = "한".getBytes(StandardCharsets.UTF_8);
        assertThat(d.push('a')).isEqualTo("a");
        assertThat(d.push(han[0] & 0xFF)).isEmpty();
        assertThat(d.push(han[1] & 0xFF)).isEmpty();
        assertThat(d.flush()).isEqualTo("\uFFFD");
    }

    /** A real byte-level BPE tokenizer.json (GPT-2 byte alphabet, no merges) decoded through DJL. */
    @Test
    void byteLevelBpeThroughDjlStreamsKoreanWhole(@TempDir Path dir) throws Exception {
        StringBuilder vocab = new StringBuilder();
        char[] alphabet = byteAlphabet();
        for (int b = 0; b < 256; b++) {
            if (b > 0) vocab.append(", ");
            vocab.append('"').append(jsonChar(alphabet[b])).append("\": ").append(b);
        }
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "{\"version\": \"1.0\", \"truncation\": null, \"padding\": null, \"added_tokens\": [], "
                + "\"normalizer\": null, \"pre_tokenizer\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, "
                + "\"trim_offsets\": false, \"use_regex\": true}, \"post_processor\": null, "
                + "\"decoder\": {\"type\": \"ByteLevel\", \"add_prefix_space\": false, \"trim_offsets\": false, \"use_regex\": true}, "
                + "\"model\": {\"type\": \"BPE\", \"dropout\": null, \"unk_token\": null, \"continuing_subword_prefix\": null, "
                + "\"end_of_word_suffix\": null, \"fuse_unk\": false, \"byte_fallback\": false, \"vocab\": {" + vocab
                + "}, \"merges\": []}}");
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(file)
                .optAddSpecialTokens(false).optTruncation(false).optPadding(false).build()) {
            long[] ids = tokenizer.encode(KOREAN, false, false).getIds();
            assertThat(ids).hasSize(KOREAN.getBytes(StandardCharsets.UTF_8).length);
            assertThat(tokenizer.decode(new long[] {ids[0]}, true)).isEqualTo("\uFFFD");

            IncrementalDetokenizer d = new IncrementalDetokenizer(x -> tokenizer.decode(x, true));
            List<String> pieces = new ArrayList<>();
            for (long id : ids) {
                String p = d.push(id);
                if (!p.isEmpty()) pieces.add(p);
            }
            pieces.add(d.flush());
            assertThat(String.join("", pieces)).isEqualTo(KOREAN);
            assertThat(pieces).noneMatch(p -> p.contains("\uFFFD"));
        }
    }

    /** GPT-2's bytes_to_unicode: printable bytes stand for themselves, the rest are shifted past 255. */
    private static char[] byteAlphabet() {
        char[] out = new char[256];
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            out[b] = printable ? (char) b : (char) (256 + n++);
        }
        return out;
    }

    private static String jsonChar(char c) {
        if (c == '"' || c == '\\') return "\\" + c;
        return String.valueOf(c);
    }
}
