package dev.jikji.rag;

import dev.jikji.search.SearchFilter;
import java.util.List;

/**
 * A validated question: the text, how many sources the generator gets, the search filter, and the earlier
 * turns of its conversation (oldest first; empty for a first question). The service keeps no state: the
 * caller sends the history with every follow-up, so any replica can answer any turn.
 */
public record AskQuery(String question, int topK, SearchFilter filter, List<Turn> history) {

    public AskQuery {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public AskQuery(String question, int topK, SearchFilter filter) {
        this(question, topK, filter, List.of());
    }
}
