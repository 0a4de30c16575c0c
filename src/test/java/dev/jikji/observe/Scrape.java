package dev.jikji.observe;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** One scrape of /q/metrics (Prometheus text format), as sample line (name and labels) → value. */
public record Scrape(Map<String, Double> samples, String text) {

    public static Scrape take() {
        String text = given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new Scrape(samples, text);
    }

    /** The sum of every sample of metric {@code name} whose labels contain all of {@code labels} (e.g. {@code stage="rerank"}). */
    public double sum(String name, String... labels) {
        Predicate<String> match = key -> {
            String metric = key.contains("{") ? key.substring(0, key.indexOf('{')) : key;
            if (!metric.equals(name)) return false;
            for (String l : labels) if (!key.contains(l)) return false;
            return true;
        };
        return samples.entrySet().stream().filter(e -> match.test(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
    }
}
