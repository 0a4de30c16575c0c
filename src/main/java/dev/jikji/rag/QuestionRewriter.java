package dev.jikji.rag;

import dev.jikji.language.Language;
import java.util.List;

/** Makes a follow-up question standalone from the earlier turns of its conversation, before retrieval. */
public interface QuestionRewriter {

    /**
     * @param history earlier turns, oldest first, never empty
     * @param deadline System.nanoTime() by which a rewrite must be done
     */
    Standalone rewrite(String question, List<Turn> history, Language language, long deadline);
}
