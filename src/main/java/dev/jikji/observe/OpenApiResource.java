package dev.jikji.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.jikji.api.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The hand-written OpenAPI document ({@code META-INF/openapi.yaml}) at {@code /q/openapi}, and Swagger UI from
 * the {@code org.webjars:swagger-ui} jar at {@code /q/swagger-ui}: quarkus-smallrye-openapi does not resolve
 * for this platform version here. OpenApiTest keeps the document in step with the resources.
 */
@Path("/q")
public class OpenApiResource {

    private static final String YAML = "application/yaml";
    private static final Map<String, String> UI_FILES = Map.of(
            "swagger-ui.css", "text/css",
            "index.css", "text/css",
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui-standalone-preset.js", "text/javascript",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png",
            "oauth2-redirect.html", "text/html");
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
              <head>
                <meta charset="UTF-8">
                <title>Jikji API</title>
                <link rel="stylesheet" type="text/css" href="/q/swagger-ui/swagger-ui.css" />
                <link rel="stylesheet" type="text/css" href="/q/swagger-ui/index.css" />
                <link rel="icon" type="image/png" href="/q/swagger-ui/favicon-32x32.png" sizes="32x32" />
              </head>
              <body>
                <div id="swagger-ui"></div>
                <script src="/q/swagger-ui/swagger-ui-bundle.js" charset="UTF-8"></script>
                <script src="/q/swagger-ui/swagger-ui-standalone-preset.js" charset="UTF-8"></script>
                <script>
                  window.onload = () => {
                    window.ui = SwaggerUIBundle({ url: "/q/openapi", dom_id: "#swagger-ui", deepLinking: true,
                      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: "StandaloneLayout" });
                  };
                </script>
              </body>
            </html>
            """;

    private final String yaml = read("META-INF/openapi.yaml");
    private final String json = toJson(yaml);
    private final String webjar = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";

    @GET
    @Path("openapi")
    public Response openapi(@QueryParam("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean asJson = "json".equalsIgnoreCase(format)
                || (format == null && accept != null && accept.contains("json") && !accept.contains("yaml"));
        if (format != null && !format.equalsIgnoreCase("json") && !format.equalsIgnoreCase("yaml")) {
            throw ProblemException.badRequest("format", "format must be yaml or json");
        }
        return asJson ? Response.ok(json, "application/json").build()
                : Response.ok(yaml, YAML + ";charset=UTF-8").build();
    }

    @GET
    @Path("swagger-ui")
    public Response swaggerUi() {
        return Response.ok(PAGE, "text/html;charset=UTF-8").build();
    }

    @GET
    @Path("swagger-ui/{file}")
    public Response swaggerUiFile(@PathParam("file") String file) {
        String type = UI_FILES.get(file);
        InputStream in = type == null ? null : getClass().getClassLoader().getResourceAsStream(webjar + file);
        if (in == null) throw ProblemException.notFound("no Swagger UI file '" + file + "'");
        return Response.ok(in, type).header("Cache-Control", "max-age=86400").build();
    }

    private static String read(String resource) {
        try (InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the build");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toJson(String yaml) {
        try {
            JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String swaggerUiVersion() {
        Properties p = new Properties();
        try (InputStream in = OpenApiResource.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) return "unknown";
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }
}
