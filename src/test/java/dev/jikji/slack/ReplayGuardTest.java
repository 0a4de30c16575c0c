package dev.jikji.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    @Test
    void aKeyIsAcceptedOnceWithinItsWindowAndMemoryStaysBounded() {
        InMemoryReplayGuard guard = new InMemoryReplayGuard(3, Duration.ofSeconds(660));
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(guard.firstUse("a", t0)).isTrue();
        assertThat(guard.firstUse("a", t0.plusSeconds(1))).isFalse();
        assertThat(guard.firstUse("a", t0.plusSeconds(659))).isFalse();
        // past twice the signature window the signature no longer verifies anyway; the key may go
        assertThat(guard.firstUse("a", t0.plusSeconds(661))).isTrue();
        for (int i = 0; i < 10; i++) guard.firstUse("k" + i, t0.plusSeconds(700));
        assertThat(guard.remembered()).isEqualTo(3);
    }
}
