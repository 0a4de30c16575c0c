package dev.jikji.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ModelServerCallsTest {

    @Test
    void requestsBeyondTheSlotsWaitThenAreBusy() throws Exception {
        ModelServerCalls calls = new ModelServerCalls("embedding server m @ http://127.0.0.1:1", Duration.ofMillis(200), 1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> calls.call(() -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "first";
        }));
        inside.await();
        assertThatThrownBy(() -> calls.call(() -> "second")).isInstanceOfSatisfying(ModelServerException.class,
                e -> assertThat(e.failure()).isEqualTo(ModelServerException.Failure.BUSY));
        release.countDown();
        assertThat(first.get()).isEqualTo("first");
        assertThat(calls.call(() -> "third")).as("the slot is free again").isEqualTo("third");
    }

    @Test
    void timeOutsAndErrorsAreToldApart() {
        ModelServerCalls calls = new ModelServerCalls("reranking server r @ http://127.0.0.1:1", Duration.ofSeconds(1), 2);
        assertThatThrownBy(() -> calls.call(() -> {
            throw new RuntimeException(new HttpTimeoutException("request timed out"));
        })).isInstanceOfSatisfying(ModelServerException.class,
                e -> assertThat(e.failure()).isEqualTo(ModelServerException.Failure.TIMEOUT));
        assertThatThrownBy(() -> calls.call(() -> {
            throw new dev.langchain4j.exception.HttpException(503, "overloaded");
        })).isInstanceOfSatisfying(ModelServerException.class, e -> {
            assertThat(e.failure()).isEqualTo(ModelServerException.Failure.FAILED);
            assertThat(e.getMessage()).isEqualTo("reranking server r @ http://127.0.0.1:1 answered HTTP 503");
        });
    }
}
