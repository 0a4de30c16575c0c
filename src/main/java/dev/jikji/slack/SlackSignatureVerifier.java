package dev.jikji.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's v0 request signature: {@code v0=} + hex HMAC-SHA256 of {@code v0:{timestamp}:{raw body}} with the
 * signing secret.
 *
 * <p>Hand-written rather than {@code SlackSignature.Verifier} from slack-app-backend 1.51.0 because that one
 * compares with {@code String.equals} (not constant-time), accepts timestamps from the future, encodes the
 * secret and body with the platform charset, takes the body as a decoded String, and debug-logs it.
 */
public final class SlackSignatureVerifier {

    public enum Outcome { VALID, MISSING_HEADERS, BAD_TIMESTAMP, STALE_TIMESTAMP, BAD_SIGNATURE }

    private final byte[] secret;
    private final Duration maxAge;

    public SlackSignatureVerifier(String signingSecret, Duration maxAge) {
        if (signingSecret == null || signingSecret.isBlank()) throw new IllegalArgumentException("signing secret is empty");
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.maxAge = maxAge;
    }

    public Outcome verify(byte[] body, String timestamp, String signature, Instant now) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) return Outcome.MISSING_HEADERS;
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Outcome.BAD_TIMESTAMP;
        }
        // Both ways: a far-future timestamp would otherwise let a captured request be replayed until then.
        if (Math.abs(now.getEpochSecond() - seconds) > maxAge.toSeconds()) return Outcome.STALE_TIMESTAMP;
        byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Outcome.VALID : Outcome.BAD_SIGNATURE;
    }

    /** The signature Slack would send for this timestamp and body. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
