package dev.jikji.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * 👍/👎 votes on answers, from Slack's buttons and from the web page ({@code POST /api/v1/feedback}), counted in
 * one place per vote and channel and logged one line each: ids only (answer id, user or key name, Slack channel),
 * never question, answer or comment text (README "Access": no query text in logs). {@code observe.Metrics}
 * exports the counts.
 */
@ApplicationScoped
public class FeedbackRecorder {

    private static final Logger LOG = Logger.getLogger(FeedbackRecorder.class);

    public enum Vote {
        UP, DOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where a vote was cast. */
    public enum Channel {
        SLACK, WEB;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Channel, Map<Vote, LongAdder>> counts = new EnumMap<>(Channel.class);

    public FeedbackRecorder() {
        for (Channel c : Channel.values()) {
            Map<Vote, LongAdder> m = new EnumMap<>(Vote.class);
            for (Vote v : Vote.values()) m.put(v, new LongAdder());
            counts.put(c, m);
        }
    }

    /**
     * @param answerId what the vote is about (Slack: the answer message's {@code channel/ts}; web: the page's
     *     answer id or a hash of the question)
     * @param who a Slack user id or an API key name
     * @param where a Slack channel id, or null
     */
    public void record(Vote vote, Channel channel, String answerId, String who, String where) {
        counts.get(channel).get(vote).increment();
        LOG.infof("Feedback %s (%s) on answer %s from %s%s", vote.label(), channel.label(), answerId, who,
                where == null ? "" : " in " + where);
    }

    /** Votes of one kind from every channel. */
    public long count(Vote vote) {
        long n = 0;
        for (Channel c : Channel.values()) n += count(vote, c);
        return n;
    }

    public long count(Vote vote, Channel channel) {
        return counts.get(channel).get(vote).sum();
    }
}
