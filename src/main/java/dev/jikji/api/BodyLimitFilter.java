package dev.jikji.api;

import dev.jikji.problem.Problem;
import dev.jikji.problem.ProblemException;
import dev.jikji.config.JikjiConfig;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body announced as too large before it is read, with a problem body; bodies sent without a
 * length are measured by the resources after reading, and Quarkus' own larger limit bounds memory.
 */
public class BodyLimitFilter {

    // looked up per request: filters are built at static init, before runtime configuration exists
    @Inject
    Instance<JikjiConfig> config;

    @ServerRequestFilter(preMatching = true)
    public Response checkLength(ContainerRequestContext ctx) {
        String header = ctx.getHeaderString("Content-Length");
        if (header == null) return null;
        long length;
        try {
            length = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return ProblemMappers.respond(Problem.of(400, "Invalid request", "Content-Length is not a number", "Content-Length"));
        }
        long limit = config.get().ingest().maxBodySize().asLongValue();
        return length > limit ? ProblemMappers.respond(ProblemException.tooLarge(limit).problem()) : null;
    }
}
