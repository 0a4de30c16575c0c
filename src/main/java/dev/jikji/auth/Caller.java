package dev.jikji.auth;

import java.util.Set;

/**
 * Who makes a request: an API key's name, roles and groups. {@code groups == null} means unrestricted (the
 * anonymous admin when auth is off); an empty set sees only public documents (those without an {@code acl}).
 */
public record Caller(String name, Set<Role> roles, Set<String> groups) {

    /** Every caller when {@code jikji.auth.enabled=false}: all roles, every document. */
    public static final Caller ANONYMOUS_ADMIN = new Caller("anonymous", Set.of(Role.READ, Role.WRITE), null);

    /** No key, no groups: only public documents. The default where no request filter ran. */
    public static final Caller PUBLIC = new Caller("public", Set.of(), Set.of());

    public Caller {
        roles = Set.copyOf(roles);
        groups = groups == null ? null : Set.copyOf(groups);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
