package dev.jikji.slack;

import dev.jikji.config.JikjiConfig;
import dev.jikji.rag.Turn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The earlier turns of each Slack thread, so a follow-up ("그럼 교체 기간에는?") is answered as the API answers one
 * sent with {@code history}: made standalone first, then searched. Only the latest
 * {@code jikji.conversation.max-turns} turns are kept, answers cut to {@code max-answer-chars}; kept for a day, at
 * most 10,000 threads. A question is remembered before it is answered (with an empty answer), so a follow-up asked
 * meanwhile still sees it; its answer is filled in once written.
 */
@ApplicationScoped
public class ThreadContext {

    private final BoundedExpiringMap<List<Turn>> threads;
    private final Clock clock;
    private final int maxTurns;
    private final int maxAnswerChars;

    @Inject
    public ThreadContext(JikjiConfig config) {
        this(10_000, Duration.ofHours(24), Clock.systemUTC(), config.conversation().maxTurns(),
                config.conversation().maxAnswerChars());
    }

    ThreadContext(int capacity, Duration ttl, Clock clock, int maxTurns, int maxAnswerChars) {
        this.threads = new BoundedExpiringMap<>(capacity, ttl);
        this.clock = clock;
        this.maxTurns = Math.max(1, maxTurns);
        this.maxAnswerChars = Math.max(0, maxAnswerChars);
    }

    /** The thread's earlier turns, oldest first; empty for its first question. */
    public synchronized List<Turn> turns(String channel, String threadTs) {
        List<Turn> t = threads.get(key(channel, threadTs), clock.instant());
        return t == null ? List.of() : List.copyOf(t);
    }

    /** Adds a question about to be answered. */
    public synchronized void remember(String channel, String threadTs, String question) {
        List<Turn> t = new ArrayList<>(turns(channel, threadTs));
        t.add(new Turn(question, ""));
        while (t.size() > maxTurns) t.removeFirst();
        threads.put(key(channel, threadTs), List.copyOf(t), clock.instant());
    }

    /** Fills in the answer of the latest turn that asked {@code question}. */
    public synchronized void answered(String channel, String threadTs, String question, String answer) {
        List<Turn> t = new ArrayList<>(turns(channel, threadTs));
        String a = answer == null ? "" : answer.length() > maxAnswerChars ? answer.substring(0, maxAnswerChars) : answer;
        for (int i = t.size() - 1; i >= 0; i--) {
            if (t.get(i).question().equals(question) && t.get(i).answer().isEmpty()) {
                t.set(i, new Turn(question, a));
                threads.put(key(channel, threadTs), List.copyOf(t), clock.instant());
                return;
            }
        }
    }

    private static String key(String channel, String threadTs) {
        return channel + "/" + threadTs;
    }
}
