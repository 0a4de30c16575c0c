package dev.jikji.observe;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** /q/health/ready is 503 while start-up work or a hold is in progress and once shutdown begins; liveness stays UP. */
@QuarkusTest
@Tag("quarkus")
class ReadinessTest {

    @Inject
    Readiness readiness;

    @Test
    void readyAfterStartUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'startup' }.status", equalTo("UP"));
    }

    @Test
    void notReadyWhileHeldThenReadyAgain() throws Exception {
        try (AutoCloseable hold = readiness.hold("re-ingesting documents")) {
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'startup' }.data.reason", equalTo("re-ingesting documents"));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        }
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void notReadyWhileStartingOrStopping() {
        try {
            for (Readiness.Phase p : new Readiness.Phase[] {Readiness.Phase.STARTING, Readiness.Phase.STOPPING}) {
                readiness.phase(p);
                given().get("/q/health/ready").then().statusCode(503)
                        .body("checks.findAll { it.status == 'DOWN' }.name", hasItem("startup"))
                        .body("checks.find { it.name == 'startup' }.data.phase", equalTo(p.name().toLowerCase()));
            }
        } finally {
            readiness.phase(Readiness.Phase.READY);
        }
        given().get("/q/health/ready").then().statusCode(200);
    }
}
