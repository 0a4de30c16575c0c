package dev.jikji.index;

/**
 * A write the index could not make durable: the disk is full, or another I/O error. The API answers 507 or 503
 * naming the {@link Cause}; readiness is DOWN until a write succeeds again (see {@link LuceneIndex#writeFailure()}).
 */
public class IndexWriteException extends RuntimeException {

    public enum Cause {
        DISK_FULL("the index's disk is full (no space left on device)"),
        IO_ERROR("an I/O error hit the index"),
        /** The index's cluster (SolrCloud) did not take the write or its commit. */
        UNAVAILABLE("the index cluster did not accept the write"),
        /**
         * The index was rebuilt (SolrCloud: the collection alias switched) by a replica with another configuration;
         * this replica's models or analysis no longer fit it, and a rolling update replaces it.
         */
        OUTDATED("this replica's models or analysis are outdated: the index was rebuilt for another configuration"),
        /** The writer was reopened after a failure while a request was being written: nothing of it was kept. */
        WRITER_REOPENED("the index writer was reopened after a write failure while this request was written; nothing of it was kept");

        private final String description;

        Cause(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final Cause cause;

    public IndexWriteException(Cause cause, Throwable source) {
        super(cause.description(), source);
        this.cause = cause;
    }

    /** {@code detail}: what went wrong, in words fit for a client (no addresses, no credentials). */
    public IndexWriteException(Cause cause, String detail, Throwable source) {
        super(cause.description() + " (" + detail + ")", source);
        this.cause = cause;
    }

    public Cause reason() {
        return cause;
    }
}
