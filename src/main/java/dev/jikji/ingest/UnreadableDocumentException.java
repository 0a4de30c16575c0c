package dev.jikji.ingest;

/** A file that cannot be turned into text: corrupt, encrypted, or a scan without a text layer. */
public class UnreadableDocumentException extends RuntimeException {
    public UnreadableDocumentException(String message) {
        super(message);
    }

    public UnreadableDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
