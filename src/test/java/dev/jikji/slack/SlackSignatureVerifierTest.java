package dev.jikji.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jikji.slack.SlackSignatureVerifier.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlackSignatureVerifierTest {

    // Slack's documented example (docs.slack.dev "Verifying requests from Slack").
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url="
            + "https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c").getBytes(StandardCharsets.UTF_8);
    private static final String SLACK_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private final SlackSignatureVerifier verifier = new SlackSignatureVerifier(SECRET, Duration.ofMinutes(5));
    private final Instant at = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP) + 10);

    @Test
    void slacksOwnExampleVerifies() {
        assertThat(verifier.sign(TIMESTAMP, BODY)).isEqualTo(SLACK_SIGNATURE);
        assertThat(verifier.verify(BODY, TIMESTAMP, SLACK_SIGNATURE, at)).isEqualTo(Outcome.VALID);
    }

    @Test
    void signatureComputedIndependentlyWithJavaxCryptoVerifies() {
        byte[] body = "{\"type\":\"event_callback\",\"event\":{\"text\":\"API 키 교체 주기는?\"}}".getBytes(StandardCharsets.UTF_8);
        String ts = "1700000000";
        String signature = SlackBotTest.sign(SECRET, ts, body);
        assertThat(verifier.verify(body, ts, signature, Instant.ofEpochSecond(1_700_000_000L))).isEqualTo(Outcome.VALID);
    }

    @Test
    void wrongSecretOrChangedBodyIsRefused() {
        String other = new SlackSignatureVerifier("another-secret", Duration.ofMinutes(5)).sign(TIMESTAMP, BODY);
        assertThat(verifier.verify(BODY, TIMESTAMP, other, at)).isEqualTo(Outcome.BAD_SIGNATURE);
        byte[] changed = BODY.clone();
        changed[0] = 'T';
        assertThat(verifier.verify(changed, TIMESTAMP, SLACK_SIGNATURE, at)).isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(verifier.verify(BODY, TIMESTAMP, SLACK_SIGNATURE.toUpperCase(), at)).isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(verifier.verify(BODY, TIMESTAMP, "v0=abc", at)).isEqualTo(Outcome.BAD_SIGNATURE);
        // the timestamp is part of what is signed
        String later = String.valueOf(Long.parseLong(TIMESTAMP) + 1);
        assertThat(verifier.verify(BODY, later, SLACK_SIGNATURE, at)).isEqualTo(Outcome.BAD_SIGNATURE);
    }

    @Test
    void staleOrFutureTimestampsAreRefusedEvenWhenTheSignatureIsRight() {
        long ts = Long.parseLong(TIMESTAMP);
        assertThat(verifier.verify(BODY, TIMESTAMP, SLACK_SIGNATURE, Instant.ofEpochSecond(ts + 300))).isEqualTo(Outcome.VALID);
        assertThat(verifier.verify(BODY, TIMESTAMP, SLACK_SIGNATURE, Instant.ofEpochSecond(ts + 301))).isEqualTo(Outcome.STALE_TIMESTAMP);
        assertThat(verifier.verify(BODY, TIMESTAMP, SLACK_SIGNATURE, Instant.ofEpochSecond(ts - 301))).isEqualTo(Outcome.STALE_TIMESTAMP);
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        assertThat(verifier.verify(BODY, null, SLACK_SIGNATURE, at)).isEqualTo(Outcome.MISSING_HEADERS);
        assertThat(verifier.verify(BODY, TIMESTAMP, null, at)).isEqualTo(Outcome.MISSING_HEADERS);
        assertThat(verifier.verify(BODY, " ", SLACK_SIGNATURE, at)).isEqualTo(Outcome.MISSING_HEADERS);
        assertThat(verifier.verify(BODY, "yesterday", SLACK_SIGNATURE, at)).isEqualTo(Outcome.BAD_TIMESTAMP);
    }

    @Test
    void anEmptySecretIsNotAccepted() {
        assertThatThrownBy(() -> new SlackSignatureVerifier(" ", Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
    }
}
