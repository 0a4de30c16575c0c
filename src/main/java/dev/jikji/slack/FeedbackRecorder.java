package dev.jikji.slack;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * 👍/👎 votes on Slack answers: counted per vote and logged one line each (answer id, user and channel ids,
 * never message text or secrets). The counts are what a metrics endpoint will export.
 */
@ApplicationScoped
public class FeedbackRecorder {

    private static final Logger LOG = Logger.getLogger(FeedbackRecorder.class);

    public enum Vote { UP, DOWN }

    private final LongAdder up = new LongAdder();
    private final LongAdder down = new LongAdder();

    public void record(Vote vote, String answerId, String userId, String channelId) {
        (vote == Vote.UP ? up : down).increment();
        LOG.infof("Slack feedback %s on answer %s from user %s in %s", vote.name().toLowerCase(Locale.ROOT),
                answerId, userId, channelId);
    }

    public long count(Vote vote) {
        return (vote == Vote.UP ? up : down).sum();
    }

    /** {@code {"up": n, "down": m}} */
    public Map<String, Long> counts() {
        return Map.of("up", up.sum(), "down", down.sum());
    }
}
