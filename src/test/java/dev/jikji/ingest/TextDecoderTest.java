package dev.jikji.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextDecoderTest {

    /** Ordinary Korean prose, as a legacy-encoded wiki export would hold; 똠 and 햏 exist in CP949 only. */
    static final String KOREAN = """
            # 휴가 규정

            연차는 입사일 기준으로 매년 15일이 주어진다. 남은 연차는 다음 해 3월까지 쓸 수 있으며, 그 뒤에는 소멸한다.
            병가는 진단서를 내면 연 60일까지 유급으로 처리한다. 팀장의 승인은 메신저로 받아도 된다.
            """;

    static byte[] withBom(byte[] bom, byte[] body) {
        byte[] out = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, out, 0, bom.length);
        System.arraycopy(body, 0, out, bom.length, body.length);
        return out;
    }

    @Test
    void utf8WithAndWithoutBom() {
        assertThat(TextDecoder.decode(KOREAN.getBytes(StandardCharsets.UTF_8))).contains(KOREAN);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        assertThat(TextDecoder.decode(withBom(bom, KOREAN.getBytes(StandardCharsets.UTF_8)))).contains(KOREAN);
    }

    @Test
    void utf16WithByteOrderMarks() {
        assertThat(TextDecoder.decode(withBom(new byte[] {(byte) 0xFF, (byte) 0xFE}, KOREAN.getBytes(StandardCharsets.UTF_16LE))))
                .contains(KOREAN);
        assertThat(TextDecoder.decode(withBom(new byte[] {(byte) 0xFE, (byte) 0xFF}, KOREAN.getBytes(StandardCharsets.UTF_16BE))))
                .contains(KOREAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EUC-KR", "x-windows-949"})
    void koreanLegacyEncodingsAreDetected(String encoding) {
        byte[] bytes = KOREAN.getBytes(Charset.forName(encoding));
        assertThat(TextDecoder.decode(bytes)).contains(KOREAN);
    }

    @Test
    void cp949OnlySyllablesSurvive() {
        String text = KOREAN + "\n똠방각하와 햏자는 CP949에만 있는 글자로 쓴다. 확장 완성형 글자도 그대로 읽혀야 한다.\n";
        assertThat(TextDecoder.decode(text.getBytes(Charset.forName("x-windows-949")))).contains(text);
    }

    @Test
    void plainAsciiIsText() {
        assertThat(TextDecoder.decode("Deploys happen on Tuesdays.\n".getBytes(StandardCharsets.US_ASCII)))
                .contains("Deploys happen on Tuesdays.\n");
    }

    @Test
    void binaryIsRefused() {
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        assertThat(TextDecoder.decode(random)).isEmpty();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertThat(TextDecoder.decode(png)).isEmpty();
        assertThat(TextDecoder.decode("text with a NUL\0 inside".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
