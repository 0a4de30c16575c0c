package dev.jikji.ingest;

/** Input that cannot be accepted, naming the field at fault (a JSON path such as {@code metadata.team}). */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
