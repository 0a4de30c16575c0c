package dev.jikji.api;

import dev.jikji.problem.Problem;
import dev.jikji.auth.ApiKey;
import dev.jikji.auth.Caller;
import dev.jikji.auth.CurrentCaller;
import dev.jikji.auth.KeyStore;
import dev.jikji.auth.RateLimiter;
import dev.jikji.auth.Role;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * API keys. Open: {@code /q/*} (health, metrics, OpenAPI), {@code /slack/*} (Slack signs its requests) and the
 * web page's static files ({@code /}, {@code /index.html}, {@code /ui/*}).
 * Everything else needs a key, as {@code Authorization: Bearer <key>} or {@code X-API-Key}: {@code write} for
 * POST, PUT, PATCH and DELETE on {@code /api/v1/documents*}, {@code read} for the rest. 401 without a valid key,
 * 403 when the key's roles do not allow the call, 429 past the key's rate limit; all problem+json. The caller
 * is put in {@link CurrentCaller} for the resources, which scope documents and search to its groups.
 */
public class AuthFilter {

    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    // looked up per request: filters are built at static init, before runtime configuration exists
    @Inject
    Instance<KeyStore> keys;

    @Inject
    Instance<RateLimiter> limiter;

    @Inject
    Instance<CurrentCaller> current;

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Response authenticate(ContainerRequestContext ctx) {
        KeyStore store = keys.get();
        if (!store.enabled()) {
            current.get().set(Caller.ANONYMOUS_ADMIN);
            return null;
        }
        String path = normalize(ctx.getUriInfo().getPath());
        if (isOpen(path)) return null;
        String presented = presentedKey(ctx);
        if (presented == null) {
            return unauthorized("an API key is required: send it as 'Authorization: Bearer <key>' (or X-API-Key)",
                    "Bearer realm=\"jikji\"");
        }
        Optional<ApiKey> key = store.authenticate(presented);
        if (key.isEmpty()) {
            return unauthorized("the API key is not valid", "Bearer realm=\"jikji\", error=\"invalid_token\"");
        }
        Caller caller = key.get().caller();
        Role needed = required(ctx.getMethod(), path);
        if (!caller.has(needed)) {
            return ProblemMappers.respond(Problem.of(403, "Forbidden", "the API key '" + caller.name()
                    + "' lacks the '" + needed.label() + "' role this call needs", null));
        }
        long retryAfter = limiter.get().acquire(caller.name());
        if (retryAfter > 0) {
            return Response.fromResponse(ProblemMappers.respond(Problem.of(429, "Too many requests",
                    "the API key '" + caller.name() + "' is over its rate limit (jikji.limits.requests-per-minute); retry in "
                            + retryAfter + " s", null)))
                    .header("Retry-After", Long.toString(retryAfter)).build();
        }
        current.get().set(caller);
        return null;
    }

    static String normalize(String path) {
        if (path == null || path.isEmpty()) return "/";
        String p = path.replaceAll("/{2,}", "/");
        try {
            p = URI.create("http://h" + (p.startsWith("/") ? "" : "/") + p).normalize().getPath();
        } catch (IllegalArgumentException e) {
            // not a valid URI path: judged as it stands, and it is not an open path unless it starts like one
        }
        return p == null || p.isEmpty() ? "/" : p;
    }

    /**
     * The web page itself ({@code /}, {@code /index.html}, {@code /ui/*}) is public like any login page: it holds no
     * data, and every API call it makes carries the key the user gives it.
     */
    static boolean isOpen(String path) {
        return path.startsWith("/q/") || path.equals("/q") || path.startsWith("/slack/")
                || path.equals("/") || path.equals("/index.html") || path.startsWith("/ui/");
    }

    static Role required(String method, String path) {
        boolean documents = path.equals("/api/v1/documents") || path.startsWith("/api/v1/documents/");
        return documents && WRITE_METHODS.contains(method) ? Role.WRITE : Role.READ;
    }

    private static String presentedKey(ContainerRequestContext ctx) {
        String auth = ctx.getHeaderString("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String k = auth.substring(7).strip();
            if (!k.isEmpty()) return k;
        }
        String header = ctx.getHeaderString("X-API-Key");
        return header == null || header.isBlank() ? null : header.strip();
    }

    private static Response unauthorized(String detail, String challenge) {
        return Response.fromResponse(ProblemMappers.respond(Problem.of(401, "Unauthorized", detail, null)))
                .header("WWW-Authenticate", challenge).build();
    }
}
