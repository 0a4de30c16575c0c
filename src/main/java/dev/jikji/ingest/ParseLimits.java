package dev.jikji.ingest;

import dev.jikji.config.JikjiConfig;
import java.time.Duration;

/** What one document's parse may cost; see {@link JikjiConfig.Parsing} for each limit. */
public record ParseLimits(Duration timeout, int maxPages, int maxCharacters, int maxEmbeddedObjects, long maxTempBytes,
        int threads, int queueSize) {

    public static ParseLimits from(JikjiConfig.Parsing p) {
        return new ParseLimits(p.timeout(), p.maxPages(), p.maxCharacters(), p.maxEmbeddedObjects(),
                p.maxTempStorage().asLongValue(), p.threads(), p.queueSize());
    }

    public ParseLimits {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("jikji.parsing.timeout must be positive");
        if (threads < 1) throw new IllegalArgumentException("jikji.parsing.threads must be at least 1");
    }
}
