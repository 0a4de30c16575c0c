package dev.jikji.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventDeduplicatorTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anEventIdIsFirstOnlyOnce() {
        InMemoryEventDeduplicator d = new InMemoryEventDeduplicator(100, Duration.ofHours(2), new MovableClock());
        assertThat(d.firstDelivery("Ev1")).isTrue();
        assertThat(d.firstDelivery("Ev1")).isFalse();
        assertThat(d.firstDelivery("Ev1")).isFalse();
        assertThat(d.firstDelivery("Ev2")).isTrue();
    }

    @Test
    void idsExpireAfterTheirTimeToLive() {
        MovableClock clock = new MovableClock();
        InMemoryEventDeduplicator d = new InMemoryEventDeduplicator(100, Duration.ofHours(2), clock);
        assertThat(d.firstDelivery("Ev1")).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(119));
        assertThat(d.firstDelivery("Ev1")).isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(d.firstDelivery("Ev1")).isTrue();
    }

    @Test
    void memoryIsBoundedOldestForgottenFirst() {
        InMemoryEventDeduplicator d = new InMemoryEventDeduplicator(3, Duration.ofHours(2), new MovableClock());
        for (int i = 0; i < 10; i++) assertThat(d.firstDelivery("Ev" + i)).isTrue();
        assertThat(d.remembered()).isEqualTo(3);
        assertThat(d.firstDelivery("Ev9")).isFalse();
        assertThat(d.firstDelivery("Ev0")).isTrue();
    }

    @Test
    void threadContextKeepsTheLatestTurnsPerThreadWithTheirAnswersAndExpires() {
        MovableClock clock = new MovableClock();
        ThreadContext t = new ThreadContext(100, Duration.ofHours(24), clock, 3, 10);
        assertThat(t.turns("C1", "1.1")).isEmpty();
        t.remember("C1", "1.1", "첫 질문");
        assertThat(t.turns("C1", "1.1")).containsExactly(new dev.jikji.rag.Turn("첫 질문", ""));
        t.answered("C1", "1.1", "첫 질문", "첫 답변은 열 글자를 넘는다");
        for (String q : List.of("둘", "셋", "넷")) t.remember("C1", "1.1", q);
        assertThat(t.turns("C1", "1.1")).extracting(dev.jikji.rag.Turn::question).containsExactly("둘", "셋", "넷");
        t.remember("C2", "2.2", "다른 스레드");
        t.answered("C2", "2.2", "다른 스레드", "가".repeat(50));
        assertThat(t.turns("C2", "2.2").getFirst().answer()).hasSize(10);
        assertThat(t.turns("C1", "2.2")).isEmpty();
        clock.now = clock.now.plus(Duration.ofHours(25));
        assertThat(t.turns("C1", "1.1")).isEmpty();
    }
}
