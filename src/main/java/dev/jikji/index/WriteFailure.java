package dev.jikji.index;

import java.time.Instant;

/** A write failure as readiness reports it: the cause and since when. */
public record WriteFailure(IndexWriteException.Cause cause, Instant since) {
    public String reason() {
        return cause.description() + " since " + since + "; writes resume by themselves once the cause is gone";
    }
}
