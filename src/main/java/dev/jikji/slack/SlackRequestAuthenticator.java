package dev.jikji.slack;

import dev.jikji.problem.StrictUtf8;
import dev.jikji.problem.Problem;
import dev.jikji.problem.ProblemException;
import dev.jikji.config.JikjiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The gate in front of every /slack endpoint: 503 while no signing secret is configured (never run unsigned),
 * 401 for a request whose signature or timestamp does not verify, before anything in it is looked at, and 401
 * for a replay: each signed request (events with or without {@code event_id}, commands, interactions) is accepted
 * once within the signature window, keyed by its timestamp and signature ({@link ReplayGuard}).
 */
@ApplicationScoped
public class SlackRequestAuthenticator {

    private static final Logger LOG = Logger.getLogger(SlackRequestAuthenticator.class);

    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";

    private final Optional<SlackSignatureVerifier> verifier;
    private final Clock clock;
    private final ReplayGuard replays;

    @Inject
    public SlackRequestAuthenticator(JikjiConfig config, ReplayGuard replays) {
        this(config, Clock.systemUTC(), replays);
    }

    SlackRequestAuthenticator(JikjiConfig config, Clock clock, ReplayGuard replays) {
        this.verifier = config.slack().signingSecret().filter(s -> !s.isBlank())
                .map(s -> new SlackSignatureVerifier(s, Duration.ofSeconds(config.slack().maxAgeSeconds())));
        this.clock = clock;
        this.replays = replays;
    }

    public boolean configured() {
        return verifier.isPresent();
    }

    public void authenticate(byte[] body, String timestamp, String signature) {
        if (verifier.isEmpty()) {
            throw new ProblemException(Problem.of(503, "Slack is not configured",
                    "set jikji.slack.signing-secret (JIKJI_SLACK_SIGNING_SECRET) to accept requests from Slack", null));
        }
        SlackSignatureVerifier.Outcome outcome = verifier.get().verify(body, timestamp, signature, clock.instant());
        if (outcome != SlackSignatureVerifier.Outcome.VALID) {
            LOG.warnf("Slack request refused: %s", outcome);
            throw new ProblemException(Problem.of(401, "Unauthorized", "the Slack request signature did not verify", null));
        }
        StrictUtf8.check(body, "body", null);
        // the signature is an HMAC of timestamp and body: one key per distinct signed request
        if (!replays.firstUse(timestamp.strip() + ":" + signature.strip().toLowerCase(java.util.Locale.ROOT), clock.instant())) {
            LOG.warn("Slack request refused: a replay of a request already accepted");
            throw new ProblemException(Problem.of(401, "Unauthorized", "the Slack request was already received (a replay)", null));
        }
    }
}
