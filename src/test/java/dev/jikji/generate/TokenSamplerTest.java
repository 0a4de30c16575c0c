package dev.jikji.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

    private static final float[] LOGITS = {1.0f, 3.0f, 2.9f, -1f, 3.0f, 0.5f};

    @Test
    void greedyTakesTheFirstMaximum() {
        assertThat(new TokenSampler(0, 0.9, 1).next(LOGITS)).isEqualTo(1);
        assertThat(new TokenSampler(1.0, 1e-9, 1).next(LOGITS)).isEqualTo(1);
    }

    @Test
    void topPKeepsOnlyTheNucleus() {
        // softmax: 1 and 4 hold about 0.33 each, 2 about 0.30; 0.6 needs the first two, 0.9 adds 2.
        Map<Integer, Integer> counts = histogram(new TokenSampler(1.0, 0.6, 9), 4000);
        assertThat(counts.keySet()).containsExactlyInAnyOrder(1, 4);
        counts = histogram(new TokenSampler(1.0, 0.9, 9), 4000);
        assertThat(counts.keySet()).containsExactlyInAnyOrder(1, 2, 4);
        counts = histogram(new TokenSampler(1.0, 1.0, 9), 20000);
        assertThat(counts.keySet()).contains(0, 1, 2, 4, 5);
        assertThat(counts.get(1) / 20000.0).isBetween(0.30, 0.36);
    }

    @Test
    void aSeedReproducesTheDrawsAndLowTemperatureSharpens() {
        TokenSampler a = new TokenSampler(0.8, 0.95, 123);
        TokenSampler b = new TokenSampler(0.8, 0.95, 123);
        for (int i = 0; i < 200; i++) assertThat(a.next(LOGITS)).isEqualTo(b.next(LOGITS));
        Map<Integer, Integer> cold = histogram(new TokenSampler(0.005, 1.0, 3), 2000);
        assertThat(cold.keySet()).containsOnly(1, 4);
    }

    private static Map<Integer, Integer> histogram(TokenSampler s, int n) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) counts.merge(s.next(LOGITS), 1, Integer::sum);
        return counts;
    }
}
