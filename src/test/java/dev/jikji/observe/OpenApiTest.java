package dev.jikji.observe;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document, served by SmallRye OpenAPI, matches the JAX-RS resources both ways; Swagger UI loads. */
@QuarkusTest
@Tag("quarkus")
class OpenApiTest {

    private static final Map<Class<? extends java.lang.annotation.Annotation>, String> METHODS = Map.of(
            GET.class, "get", POST.class, "post", PUT.class, "put", DELETE.class, "delete", PATCH.class, "patch");

    /** "METHOD /path" of every resource method under dev.jikji, found by reflection over the compiled classes. */
    static TreeSet<String> implemented() throws Exception {
        TreeSet<String> ops = new TreeSet<>();
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes.resolve("dev/jikji"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (base == null) continue;
                for (Method m : type.getDeclaredMethods()) {
                    for (var e : METHODS.entrySet()) {
                        if (!m.isAnnotationPresent(e.getKey())) continue;
                        jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                        ops.add(e.getValue().toUpperCase(Locale.ROOT) + " " + normalize(base.value() + (sub == null ? "" : "/" + sub.value())));
                    }
                }
            }
        }
        return ops;
    }

    /** {@code /api/v1/documents//{id: .+}} → {@code /api/v1/documents/{id}} */
    static String normalize(String path) {
        String p = path.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        if (!p.startsWith("/")) p = "/" + p;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    static TreeSet<String> documented(JsonNode doc) {
        TreeSet<String> ops = new TreeSet<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (METHODS.containsValue(op.getKey())) ops.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        }));
        return ops;
    }

    @Test
    void everyResourceMethodIsDocumentedAndNothingElse() throws Exception {
        TreeSet<String> implemented = implemented();
        assertThat(implemented).contains("POST /api/v1/documents", "GET /api/v1/documents/{id}", "DELETE /api/v1/documents/{id}",
                "POST /api/v1/ask", "POST /api/v1/search", "POST /slack/events");
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .contentType(startsWith("application/json")).extract().asString();
        JsonNode doc = new ObjectMapper().readTree(json);
        assertThat(doc.path("openapi").asText()).startsWith("3.1");
        assertThat(doc.at("/info/title").asText()).isEqualTo("Jikji");
        assertThat(documented(doc)).isEqualTo(implemented);
    }

    @Test
    void documentDescribesProblemsAndTheEventStream() throws Exception {
        String yaml = given().get("/q/openapi").then().statusCode(200).contentType(startsWith("application/yaml"))
                .extract().asString();
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        JsonNode ask = doc.at("/paths/~1api~1v1~1ask/post/responses/200/content");
        assertThat(ask.has("text/event-stream")).isTrue();
        assertThat(ask.has("application/json")).isTrue();
        assertThat(doc.at("/components/responses/Problem/content").has("application/problem+json")).isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1documents/post/requestBody/content").has("multipart/form-data")).isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1documents/post/requestBody/content").has("application/x-ndjson")).isTrue();
        // every $ref resolves
        for (String ref : refs(doc, new TreeSet<>())) {
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void askResultSchemaNamesEveryFieldOfTheResponse() throws Exception {
        String yaml = given().get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode schema = new ObjectMapper(new YAMLFactory()).readTree(yaml).at("/components/schemas/AskResult/properties");
        assertThat(fieldNames(schema)).isEqualTo(components(dev.jikji.rag.AskResult.class));
        assertThat(fieldNames(schema.path("answerSpan").path("properties")))
                .isEqualTo(components(dev.jikji.rag.AskResult.AnswerSpan.class));
    }

    private static TreeSet<String> fieldNames(JsonNode properties) {
        TreeSet<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static TreeSet<String> components(Class<? extends Record> type) {
        TreeSet<String> names = new TreeSet<>();
        for (var c : type.getRecordComponents()) {
            // a component kept out of the JSON (AskResult.abstention) is rightly not in the schema either
            if (!c.getAccessor().isAnnotationPresent(com.fasterxml.jackson.annotation.JsonIgnore.class)) names.add(c.getName());
        }
        return names;
    }

    private static TreeSet<String> refs(JsonNode node, TreeSet<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) out.add(e.getValue().asText());
                else refs(e.getValue(), out);
            });
        } else if (node.isArray()) {
            node.forEach(n -> refs(n, out));
        }
        return out;
    }

    @Test
    void swaggerUiLoadsFromTheExtensionWithoutTheNetwork() {
        String page = given().get("/q/swagger-ui/").then().statusCode(200).contentType(startsWith("text/html"))
                .extract().asString();
        assertThat(page).contains("/q/openapi").contains("swagger-ui-bundle.js");
        // the page's scripts are served by the extension itself, not from a CDN
        assertThat(page).doesNotContain("https://cdn").doesNotContain("unpkg.com");
        given().get("/q/swagger-ui/swagger-ui-bundle.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("SwaggerUIBundle"));
        given().get("/q/swagger-ui/swagger-ui.css").then().statusCode(200).contentType(startsWith("text/css"));
        given().get("/q/swagger-ui/nope.js").then().statusCode(404);
    }
}
