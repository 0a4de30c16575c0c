package dev.jikji.stage;

/** What a pipeline step returned and how long it took. */
public record Timed<T>(T value, long nanos) {

    public long millis() {
        return Math.round(nanos / 1e6);
    }
}
