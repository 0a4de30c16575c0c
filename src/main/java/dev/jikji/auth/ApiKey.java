package dev.jikji.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured API key: its name, the SHA-256 of the key (the key itself is never configured or kept),
 * its roles and its groups. The line format is {@code name:sha256hex:roles:groups}, roles and groups
 * comma-separated, groups possibly empty: {@code ops-bot:9f86d0…:read,write:staff,ops}.
 */
public record ApiKey(String name, byte[] sha256, Set<Role> roles, Set<String> groups) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApiKey {
        sha256 = sha256.clone();
        roles = Set.copyOf(roles);
        groups = Set.copyOf(groups);
    }

    /** The group that sees every document, whatever its acl: for the sync job and administrators. */
    public static final String ALL_GROUPS = "*";

    public Caller caller() {
        return new Caller(name, roles, groups.contains(ALL_GROUPS) ? null : groups);
    }

    /** One key line; {@code where} names it in errors (file and line), which never quote the hash. */
    public static ApiKey parse(String line, String where) {
        String[] parts = line.strip().split(":", -1);
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException(where + ": expected name:sha256hex:roles:groups");
        }
        String name = parts[0].strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": the key name must be 1-100 of A-Z a-z 0-9 . _ @ -");
        }
        String hex = parts[1].strip();
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException(where + " (" + name + "): the hash must be 64 hex digits of SHA-256 "
                    + "(`jikji key-hash` prints a line); never put a plain key in configuration");
        }
        Set<Role> roles = new LinkedHashSet<>();
        for (String r : parts[2].split(",")) {
            if (!r.isBlank()) roles.add(Role.parse(r));
        }
        if (roles.isEmpty()) throw new IllegalArgumentException(where + " (" + name + "): no role (read, write)");
        Set<String> groups = new LinkedHashSet<>();
        if (parts.length == 4) {
            for (String g : parts[3].split(",")) {
                if (!g.isBlank()) groups.add(g.strip());
            }
        }
        return new ApiKey(name, HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT)), roles, groups);
    }

    /** Lines of a keys file or of {@code jikji.auth.keys} ({@code ;} or new line between keys); {@code #} starts a comment. */
    public static List<ApiKey> parseAll(String text, String source) {
        List<ApiKey> keys = new ArrayList<>();
        String[] lines = text.split("\\R|;");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            keys.add(parse(l, source + " entry " + (i + 1)));
        }
        return keys;
    }

    public static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hashHex(String key) {
        return HexFormat.of().formatHex(hash(key));
    }

    /** A new random key: {@code jk_} and 32 random bytes, URL-safe Base64. */
    public static String newKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "jk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The configuration line for {@code key}. */
    public static String line(String name, String key, Set<Role> roles, Set<String> groups) {
        return name + ":" + hashHex(key) + ":" + String.join(",", roles.stream().map(Role::label).toList()) + ":"
                + String.join(",", groups);
    }

    @Override
    public String toString() {
        return "ApiKey[" + name + ", roles=" + roles + ", groups=" + groups + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey k && name.equals(k.name) && MessageDigest.isEqual(sha256, k.sha256)
                && roles.equals(k.roles) && groups.equals(k.groups);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
