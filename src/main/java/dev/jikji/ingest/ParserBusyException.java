package dev.jikji.ingest;

/** Every parser thread is busy and the queue is full, or a document waited past the time limit: retry later (503). */
public class ParserBusyException extends RuntimeException {
    public ParserBusyException(String message) {
        super(message);
    }
}
