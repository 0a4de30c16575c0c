package dev.jikji.index;

import java.util.Set;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Which Lucene documents (chunks and document records) a caller may see: those without an {@code acl} (public
 * within the deployment) and those whose {@code acl} names one of the caller's groups. Used as a FILTER clause,
 * so BM25 and (pre-filtered) kNN rank only visible chunks and a top K stays full.
 *
 * <p>Every chunk and record carries its document's groups as indexed {@code acl} StringFields, so "has an acl"
 * is any term of the field: an open range over it. That works on indexes built before ACL filtering existed.
 */
public final class AclQuery {

    private AclQuery() {}

    /** {@code null} groups: no restriction (returns null); empty: public documents only. */
    public static Query visibleTo(Set<String> groups) {
        if (groups == null) return null;
        Query restricted = TermRangeQuery.newStringRange(IndexFields.ACL, null, null, true, true);
        Query open = new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), Occur.FILTER)
                .add(restricted, Occur.MUST_NOT)
                .build();
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(open, Occur.SHOULD);
        if (!groups.isEmpty()) {
            q.add(new TermInSetQuery(IndexFields.ACL, groups.stream().sorted().map(BytesRef::new).toList()), Occur.SHOULD);
        }
        q.setMinimumNumberShouldMatch(1);
        return q.build();
    }
}
