package dev.jikji.auth;

import dev.jikji.config.JikjiConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The configured API keys ({@code jikji.auth.keys-file} and {@code jikji.auth.keys}), as SHA-256 hashes.
 * A presented key is hashed and compared with every configured hash in constant time; neither keys nor
 * hashes are ever logged.
 */
@ApplicationScoped
public class KeyStore {

    private static final Logger LOG = Logger.getLogger(KeyStore.class);

    private final boolean enabled;
    private final List<ApiKey> keys;

    @Inject
    public KeyStore(JikjiConfig config) {
        this(config.auth().enabled(), load(config.auth()));
    }

    public KeyStore(boolean enabled, List<ApiKey> keys) {
        this.enabled = enabled;
        this.keys = List.copyOf(keys);
        Set<String> names = new HashSet<>();
        for (ApiKey k : keys) {
            if (!names.add(k.name())) throw new IllegalStateException("API key name '" + k.name() + "' is configured twice");
        }
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                if (MessageDigest.isEqual(keys.get(i).sha256(), keys.get(j).sha256())) {
                    throw new IllegalStateException("API keys '" + keys.get(i).name() + "' and '" + keys.get(j).name()
                            + "' have the same hash: one key, two names");
                }
            }
        }
        if (enabled && keys.isEmpty()) {
            throw new IllegalStateException("jikji.auth.enabled=true but no API key is configured "
                    + "(jikji.auth.keys-file or jikji.auth.keys; `jikji key-hash` prints a key line)");
        }
    }

    static List<ApiKey> load(JikjiConfig.Auth auth) {
        List<ApiKey> keys = new ArrayList<>();
        if (auth.keysFile().isPresent()) {
            Path file = auth.keysFile().get();
            try {
                keys.addAll(ApiKey.parseAll(Files.readString(file), file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("jikji.auth.keys-file " + file + " cannot be read", e);
            }
        }
        auth.keys().ifPresent(k -> keys.addAll(ApiKey.parseAll(k, "jikji.auth.keys")));
        return keys;
    }

    void onStart(@Observes StartupEvent e) {
        if (!enabled) {
            LOG.warn("API keys are OFF (jikji.auth.enabled=false): every caller is an anonymous admin that can ingest, "
                    + "delete and read every document, ACLs included. Enable them before exposing the service.");
        } else {
            LOG.infof("API keys on: %d configured (%s)", keys.size(), String.join(", ", keys.stream().map(ApiKey::name).toList()));
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The key whose hash matches {@code presented}; every configured hash is compared, in constant time. */
    public Optional<ApiKey> authenticate(String presented) {
        if (presented == null || presented.isEmpty()) return Optional.empty();
        byte[] hash = ApiKey.hash(presented);
        ApiKey found = null;
        for (ApiKey k : keys) {
            if (MessageDigest.isEqual(hash, k.sha256()) && found == null) found = k;
        }
        return Optional.ofNullable(found);
    }

    public List<ApiKey> keys() {
        return keys;
    }
}
