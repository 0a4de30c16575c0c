package dev.jikji.ingest;

/** A document that exceeds one of the parser limits; the API answers 422 naming the file and {@link #limit()}. */
public class ParseLimitExceededException extends UnreadableDocumentException {

    private final ParseLimit limit;

    public ParseLimitExceededException(ParseLimit limit, String message) {
        super(message + " (" + limit.key() + ")");
        this.limit = limit;
    }

    public ParseLimit limit() {
        return limit;
    }
}
