package dev.jikji.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlTokensTest {

    @Test
    void everyFamilysControlTokensAreBrokenAndOrdinaryTextIsNot() {
        String out = ControlTokens.neutralise(RealTokenizersTest.INJECTION + " [INST] x [/INST] <<SYS>>");
        assertThat(ControlTokens.present(RealTokenizersTest.INJECTION)).isTrue();
        assertThat(ControlTokens.present(out)).isFalse();
        assertThat(out.replace("\u200B", "")).isEqualTo(RealTokenizersTest.INJECTION + " [INST] x [/INST] <<SYS>>");
        String plain = "a < b | c > d, [1] 출처 <code> x|y </b>";
        assertThat(ControlTokens.neutralise(plain)).isEqualTo(plain);
    }
}
