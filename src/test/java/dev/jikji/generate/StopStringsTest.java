package dev.jikji.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopStringsTest {

    @Test
    void aStopStringSplitAcrossPiecesIsHeldBackAndCut() {
        StopStrings s = new StopStrings(List.of("</answer>"));
        assertThat(s.accept("The answer is 4")).isEqualTo("The answer is 4");
        assertThat(s.accept(".</")).isEqualTo(".");
        assertThat(s.accept("ans")).isEmpty();
        assertThat(s.accept("wer> trailing")).isEmpty();
        assertThat(s.stopped()).isTrue();
        assertThat(s.accept("more")).isEmpty();
        assertThat(s.finish()).isEmpty();
    }

    @Test
    void heldTextThatTurnsOutNotToBeAStopIsReleased() {
        StopStrings s = new StopStrings(List.of("\n\nQuestion:", "END"));
        assertThat(s.accept("a\n")).isEqualTo("a");
        assertThat(s.accept("\nQ")).isEmpty();
        assertThat(s.accept("uick")).isEqualTo("\n\nQuick");
        assertThat(s.accept(" EN")).isEqualTo(" ");
        assertThat(s.stopped()).isFalse();
        assertThat(s.finish()).isEqualTo("EN");
    }

    @Test
    void theEarliestOfSeveralStopsWins() {
        StopStrings s = new StopStrings(List.of("cd", "b"));
        assertThat(s.accept("abcd")).isEqualTo("a");
        assertThat(s.stopped()).isTrue();
    }

    @Test
    void noStopStringsPassEverything() {
        StopStrings s = new StopStrings(null);
        assertThat(s.accept("x</")).isEqualTo("x</");
        assertThat(s.finish()).isEmpty();
    }
}
