package dev.jikji.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    @Test
    void parsesALineWithRolesAndGroups() {
        String hash = ApiKey.hashHex("secret");
        ApiKey k = ApiKey.parse("ops-bot:" + hash + ":read,write:staff,ops", "test");
        assertThat(k.name()).isEqualTo("ops-bot");
        assertThat(k.roles()).containsExactlyInAnyOrder(Role.READ, Role.WRITE);
        assertThat(k.groups()).containsExactlyInAnyOrder("staff", "ops");
        assertThat(ApiKey.parse("r:" + hash.toUpperCase() + ":read", "t").groups()).isEmpty();
        assertThat(ApiKey.parse("r:" + hash + ":read:", "t").groups()).isEmpty();
    }

    @Test
    void theStarGroupSeesEverything() {
        String hash = ApiKey.hashHex("secret");
        assertThat(ApiKey.parse("sync:" + hash + ":read,write:*", "t").caller().groups()).isNull();
        assertThat(ApiKey.parse("r:" + hash + ":read:", "t").caller().groups()).isEmpty();
        assertThat(ApiKey.parse("r:" + hash + ":read:staff", "t").caller().groups()).containsExactly("staff");
    }

    @Test
    void sha256OfAKnownValue() {
        assertThat(ApiKey.hashHex("test")).isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void refusesPlainKeysBadRolesAndBadNames() {
        assertThatThrownBy(() -> ApiKey.parse("n:jk_plainkey:read:staff", "line 3"))
                .hasMessageContaining("line 3").hasMessageContaining("SHA-256").hasMessageNotContaining("jk_plainkey");
        String hash = ApiKey.hashHex("x");
        assertThatThrownBy(() -> ApiKey.parse("n:" + hash + ":admin:staff", "t")).hasMessageContaining("unknown role 'admin'");
        assertThatThrownBy(() -> ApiKey.parse("n:" + hash + "::staff", "t")).hasMessageContaining("no role");
        assertThatThrownBy(() -> ApiKey.parse("bad name:" + hash + ":read", "t")).hasMessageContaining("name");
        assertThatThrownBy(() -> ApiKey.parse("n:" + hash, "t")).hasMessageContaining("name:sha256hex:roles:groups");
        assertThat(ApiKey.parse("n:" + hash + ":read", "t").toString()).doesNotContain(hash);
    }

    @Test
    void parsesSeveralKeysWithCommentsAndSemicolons() {
        String text = "# keys\nreader:" + ApiKey.hashHex("a") + ":read:staff\n\n" + "writer:" + ApiKey.hashHex("b")
                + ":read,write:staff;hr:" + ApiKey.hashHex("c") + ":read:hr\n";
        assertThat(ApiKey.parseAll(text, "f").stream().map(ApiKey::name).toList()).containsExactly("reader", "writer", "hr");
    }

    @Test
    void keyStoreFindsTheKeyByItsHashOnly() {
        List<ApiKey> keys = ApiKey.parseAll(ApiKey.line("reader", "k1", Set.of(Role.READ), Set.of("staff")) + ";"
                + ApiKey.line("writer", "k2", Set.of(Role.READ, Role.WRITE), Set.of()), "t");
        KeyStore store = new KeyStore(true, keys);
        assertThat(store.authenticate("k1")).get().extracting(ApiKey::name).isEqualTo("reader");
        assertThat(store.authenticate("k2").get().caller().has(Role.WRITE)).isTrue();
        assertThat(store.authenticate("k3")).isEmpty();
        assertThat(store.authenticate("")).isEmpty();
        assertThat(store.authenticate(null)).isEmpty();
        assertThat(store.authenticate(ApiKey.hashHex("k1"))).isEmpty();
    }

    @Test
    void keyStoreRefusesDuplicatesAndAnEnabledStoreWithoutKeys() {
        ApiKey a = ApiKey.parse(ApiKey.line("a", "k", Set.of(Role.READ), Set.of()), "t");
        ApiKey b = ApiKey.parse(ApiKey.line("b", "k", Set.of(Role.READ), Set.of()), "t");
        assertThatThrownBy(() -> new KeyStore(true, List.of(a, b))).hasMessageContaining("same hash");
        assertThatThrownBy(() -> new KeyStore(true, List.of(a, a))).hasMessageContaining("twice");
        assertThatThrownBy(() -> new KeyStore(true, List.of())).hasMessageContaining("no API key");
        assertThat(new KeyStore(false, List.of()).enabled()).isFalse();
    }

    @Test
    void newKeysAreRandomAndLong() {
        String k = ApiKey.newKey();
        assertThat(k).startsWith("jk_").hasSizeGreaterThan(40).isNotEqualTo(ApiKey.newKey());
    }

    @Test
    void tokenBucketAllowsABurstThenAsksToWait() {
        AtomicLong now = new AtomicLong();
        RateLimiter limiter = new RateLimiter(2, now::get);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(30); // one token every 30 s
        assertThat(limiter.acquire("b")).isZero(); // per key
        now.addAndGet(30_000_000_000L);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(new RateLimiter(0, now::get).acquire("a")).isZero();
    }
}
