package dev.jikji.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.index.ClaimStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Slack stores on an index's shared claims: what they claim, for how long, and that the answer is the store's. */
class SlackStoresTest {

    /** A claim store in a map, noting each claim's time-to-live. */
    static final class MapClaims implements ClaimStore {
        final Map<String, Instant> expiries = new HashMap<>();
        final Map<String, Duration> ttls = new HashMap<>();

        @Override
        public boolean claim(String key, Instant now, Duration ttl) {
            Instant held = expiries.get(key);
            if (held != null && held.isAfter(now)) return false;
            expiries.put(key, now.plus(ttl));
            ttls.put(key, ttl);
            return true;
        }
    }

    @Test
    void eventIdsAndSignedRequestsAreClaimedApartForTheirOwnTimesToLive() {
        MapClaims store = new MapClaims();
        EventDeduplicatorTest.MovableClock clock = new EventDeduplicatorTest.MovableClock();
        EventDeduplicator events = new SlackStores.ClaimedEventDeduplicator(store, clock);
        ReplayGuard requests = new SlackStores.ClaimedReplayGuard(store, Duration.ofSeconds(660));

        assertThat(events.firstDelivery("Ev1")).isTrue();
        assertThat(events.firstDelivery("Ev1")).isFalse();
        // the same string as a request key is another claim
        assertThat(requests.firstUse("Ev1", clock.instant())).isTrue();
        assertThat(requests.firstUse("Ev1", clock.instant().plusSeconds(659))).isFalse();
        assertThat(requests.firstUse("Ev1", clock.instant().plusSeconds(661))).isTrue();
        assertThat(store.ttls).containsEntry("slack-event:Ev1", Duration.ofHours(2))
                .containsEntry("slack-request:Ev1", Duration.ofSeconds(660));

        clock.now = clock.now.plus(Duration.ofMinutes(121));
        assertThat(events.firstDelivery("Ev1")).as("past its time-to-live, as in memory").isTrue();
    }
}
