package dev.jikji.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunGateTest {

    private static <T> CompletableFuture<T> async(OnnxThreads.OnnxWork<T, Exception> work) {
        // a thread of its own: the common pool may have a single worker on a 2-core machine
        CompletableFuture<T> f = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                f.complete(work.run());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    @Test
    void closingWaitsForTheUseInFlightThenRefusesNewOnes() throws Exception {
        RunGate gate = new RunGate("the test model");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> use = async(() -> gate.run(() -> {
            inside.countDown();
            finish.await();
            return "done";
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> closed = async(() -> gate.closeWhenIdle(Duration.ofSeconds(30)));
        Thread.sleep(100);
        assertThat(closed).as("close waits while a use runs").isNotDone();
        assertThat(gate.closing()).isTrue();
        assertThatThrownBy(() -> gate.run(() -> "late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the test model is closed");
        finish.countDown();
        assertThat(use.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(closed.get(10, TimeUnit.SECONDS)).as("safe to free once the use ended").isTrue();
        assertThat(gate.running()).isZero();
    }

    @Test
    void aUseThatOutlivesTheWaitIsLeftAlone() throws Exception {
        RunGate gate = new RunGate("the test model");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Integer> use = async(() -> gate.run(() -> {
            // nested use from the same caller, as an encoder's batch inside its encode call
            return gate.run(() -> {
                inside.countDown();
                finish.await();
                return 1;
            });
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.running()).isEqualTo(2);
        assertThat(gate.closeWhenIdle(Duration.ofMillis(200))).as("not safe to free: still running").isFalse();
        finish.countDown();
        assertThat(use.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
}
