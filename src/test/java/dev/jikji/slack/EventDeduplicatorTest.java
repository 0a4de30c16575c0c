package dev.jikji.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
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
        EventDeduplicator d = new EventDeduplicator(100, Duration.ofHours(2), new MovableClock());
        assertThat(d.firstDelivery("Ev1")).isTrue();
        assertThat(d.firstDelivery("Ev1")).isFalse();
        assertThat(d.firstDelivery("Ev1")).isFalse();
        assertThat(d.firstDelivery("Ev2")).isTrue();
    }

    @Test
    void idsExpireAfterTheirTimeToLive() {
        MovableClock clock = new MovableClock();
        EventDeduplicator d = new EventDeduplicator(100, Duration.ofHours(2), clock);
        assertThat(d.firstDelivery("Ev1")).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(119));
        assertThat(d.firstDelivery("Ev1")).isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertThat(d.firstDelivery("Ev1")).isTrue();
    }

    @Test
    void memoryIsBoundedOldestForgottenFirst() {
        EventDeduplicator d = new EventDeduplicator(3, Duration.ofHours(2), new MovableClock());
        for (int i = 0; i < 10; i++) assertThat(d.firstDelivery("Ev" + i)).isTrue();
        assertThat(d.remembered()).isEqualTo(3);
        assertThat(d.firstDelivery("Ev9")).isFalse();
        assertThat(d.firstDelivery("Ev0")).isTrue();
    }

    @Test
    void threadContextKeepsThePreviousQuestionPerThreadAndExpires() {
        MovableClock clock = new MovableClock();
        ThreadContext t = new ThreadContext(100, Duration.ofHours(24), clock);
        assertThat(t.previousQuestion("C1", "1.1")).isNull();
        t.remember("C1", "1.1", "첫 질문");
        t.remember("C1", "1.1", "두 번째 질문");
        assertThat(t.previousQuestion("C1", "1.1")).isEqualTo("두 번째 질문");
        assertThat(t.previousQuestion("C1", "2.2")).isNull();
        assertThat(t.previousQuestion("C2", "1.1")).isNull();
        clock.now = clock.now.plus(Duration.ofHours(25));
        assertThat(t.previousQuestion("C1", "1.1")).isNull();
    }

    @Test
    void aFollowUpCarriesTheEarlierQuestionWithinTheLengthLimit() {
        assertThat(ThreadContext.withPrevious(null, "질문", true, 2000)).isEqualTo("질문");
        assertThat(ThreadContext.withPrevious("API 키 교체 주기는?", "옛 키는 며칠 유효해요?", true, 2000))
                .isEqualTo("이전 질문: API 키 교체 주기는?\n질문: 옛 키는 며칠 유효해요?");
        assertThat(ThreadContext.withPrevious("How is a canary rolled back?", "and who decides?", false, 2000))
                .isEqualTo("Earlier question: How is a canary rolled back?\nQuestion: and who decides?");
        String cut = ThreadContext.withPrevious("가".repeat(3000), "나".repeat(100), true, 2000);
        assertThat(cut).hasSize(2000).endsWith("나".repeat(100));
    }
}
