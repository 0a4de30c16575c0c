package dev.jikji.ingest;

import java.util.List;
import java.util.Set;

/**
 * Which documents a writer may create, change or delete: those whose ACL names one of its groups, and public
 * ones (no ACL). {@code groups == null} is unrestricted (group {@code *}, auth off, the offline CLI). The same rule
 * is applied to the stored ACL and to the new one, so a writer can neither take over nor give away a document
 * of a group it is not in.
 */
public final class WriteAccess {

    private WriteAccess() {}

    public static boolean mayWrite(Set<String> groups, List<String> acl) {
        return groups == null || acl == null || acl.isEmpty() || acl.stream().anyMatch(groups::contains);
    }

    /** One refusal for every case (stored ACL, new ACL, content alike), so it tells nothing about the document. */
    static ForbiddenWriteException refused(String id) {
        return new ForbiddenWriteException("acl", "this API key may not write document '" + id
                + "': the document's acl (stored, or the one sent) must name one of the key's groups");
    }

    /** A write outside the caller's groups (403). */
    public static final class ForbiddenWriteException extends InvalidFieldException {
        public ForbiddenWriteException(String field, String message) {
            super(field, message);
        }
    }
}
