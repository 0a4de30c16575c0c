package dev.jikji.auth;

import java.util.Locale;

/** What an API key may do: {@code read} searches and asks (and lists documents), {@code write} ingests and deletes. */
public enum Role {
    READ, WRITE;

    public static Role parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + s.strip() + "' (read or write)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
