package dev.jikji.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The outcome for one document of an ingest request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestResult(String id, Status status, Integer chunks, Integer index, Error error) {

    public enum Status {
        CREATED, UPDATED, UNCHANGED, FAILED;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Why a document of a batch was refused; {@code index} (0-based) or {@code line} (1-based) locate it;
     * {@code limit} is the configuration key of the parser limit it exceeded, if that was the reason.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String field, String detail, Integer line, String limit,
            @com.fasterxml.jackson.annotation.JsonIgnore int status) {
        public Error(String field, String detail, Integer line) {
            this(field, detail, line, null, 400);
        }

        /** Over a parser limit: 422. */
        public static Error overLimit(String field, String detail, String limit) {
            return new Error(field, detail, null, limit, 422);
        }

        /** A write the caller's groups do not allow: 403. */
        public static Error forbidden(String field, String detail) {
            return new Error(field, detail, null, null, 403);
        }

        public Error atLine(Integer newLine) {
            return new Error(field, detail, newLine, limit, status);
        }
    }

    public static IngestResult failed(String id, Integer index, Error error) {
        return new IngestResult(id, Status.FAILED, null, index, error);
    }

    public IngestResult at(int position) {
        return new IngestResult(id, status, chunks, position, error);
    }
}
