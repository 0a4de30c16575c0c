package dev.jikji.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from logits: the most likely one at temperature 0, otherwise a draw from the smallest set
 * of most likely tokens whose probabilities reach {@code topP} (nucleus sampling). Seeded, so a seed gives the same
 * answer again.
 */
final class TokenSampler {

    private final double temperature;
    private final double topP;
    private final SplittableRandom random;

    TokenSampler(double temperature, double topP, long seed) {
        this.temperature = temperature;
        this.topP = topP <= 0 || topP > 1 ? 1 : topP;
        this.random = new SplittableRandom(seed);
    }

    int next(float[] logits) {
        return temperature <= 0 ? argmax(logits) : sample(logits);
    }

    /** The first of equal maxima, so greedy and a tiny top-p agree. */
    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) best = i;
        }
        return best;
    }

    private int sample(float[] logits) {
        float max = logits[argmax(logits)];
        float[] p = new float[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            p[i] = (float) Math.exp((logits[i] - max) / temperature);
            total += p[i];
        }
        if (topP >= 1) {
            return draw(p, total);
        }
        // Sort (probability, index) pairs packed in longs: a primitive sort of the vocabulary costs a few
        // milliseconds, small beside a decoder step. Equal probabilities order by lower index first.
        long[] keyed = new long[p.length];
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) keyed[n++] = ((long) Float.floatToIntBits(p[i]) << 32) | (~i & 0xFFFFFFFFL);
        }
        Arrays.sort(keyed, 0, n);
        double kept = 0;
        int first = n - 1;
        for (; first >= 0; first--) {
            kept += Float.intBitsToFloat((int) (keyed[first] >>> 32));
            if (kept >= topP * total) break;
        }
        first = Math.max(first, 0);
        double r = random.nextDouble() * kept;
        for (int k = n - 1; k >= first; k--) {
            r -= Float.intBitsToFloat((int) (keyed[k] >>> 32));
            if (r < 0 || k == first) return ~(int) keyed[k];
        }
        throw new AssertionError("unreachable");
    }

    private int draw(float[] p, double total) {
        double r = random.nextDouble() * total;
        for (int i = 0; i < p.length; i++) {
            r -= p[i];
            if (r < 0) return i;
        }
        for (int i = p.length - 1; i >= 0; i--) {
            if (p[i] > 0) return i;
        }
        return 0;
    }
}
