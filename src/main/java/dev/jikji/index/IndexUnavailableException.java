package dev.jikji.index;

/**
 * The index's cluster (SolrCloud) did not answer a read: no live replica for a shard, a node unreachable or too
 * slow. {@code api.ProblemMappers} answers 503 with {@code Retry-After}: the cluster recovers by itself (leader
 * election, replica recovery). The message names the kind of failure, never a credential.
 */
public class IndexUnavailableException extends RuntimeException {

    public IndexUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
