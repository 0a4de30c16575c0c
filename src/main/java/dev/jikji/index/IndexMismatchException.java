package dev.jikji.index;

/** The index on disk was built with another embedding model or analysis than the one configured. */
public class IndexMismatchException extends IllegalStateException {
    public IndexMismatchException(String message) {
        super(message);
    }
}
