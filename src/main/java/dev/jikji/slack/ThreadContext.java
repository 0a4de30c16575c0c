package dev.jikji.slack;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;

/**
 * The last question asked in each Slack thread, so a follow-up ("그럼 영어 문서는?") can be answered with it.
 * Only the previous question is kept, not the whole conversation: the retriever and the coverage gate see
 * every word of the question, and a long history would dilute the follow-up's own terms. Kept for a day, at
 * most 10,000 threads.
 */
@ApplicationScoped
public class ThreadContext {

    private final BoundedExpiringMap<String> lastQuestion;
    private final Clock clock;

    public ThreadContext() {
        this(10_000, Duration.ofHours(24), Clock.systemUTC());
    }

    ThreadContext(int capacity, Duration ttl, Clock clock) {
        this.lastQuestion = new BoundedExpiringMap<>(capacity, ttl);
        this.clock = clock;
    }

    /** The thread's previous question, or null when this is its first. */
    public String previousQuestion(String channel, String threadTs) {
        return lastQuestion.get(key(channel, threadTs), clock.instant());
    }

    public void remember(String channel, String threadTs, String question) {
        lastQuestion.put(key(channel, threadTs), question, clock.instant());
    }

    /**
     * The text sent to the answering pipeline for a follow-up: the earlier question, labelled, then this one,
     * cut to {@code maxChars} by shortening the earlier question (the new one matters more).
     */
    public static String withPrevious(String previous, String question, boolean korean, int maxChars) {
        if (previous == null || previous.isBlank()) return question;
        String before = korean ? "이전 질문: " : "Earlier question: ";
        String now = korean ? "\n질문: " : "\nQuestion: ";
        int room = maxChars - before.length() - now.length() - question.length();
        if (room < 20) return question;
        String p = previous.length() > room ? previous.substring(0, room) : previous;
        return before + p + now + question;
    }

    private static String key(String channel, String threadTs) {
        return channel + "/" + threadTs;
    }
}
