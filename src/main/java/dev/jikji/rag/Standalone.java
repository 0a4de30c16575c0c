package dev.jikji.rag;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/**
 * A follow-up made standalone: the question retrieval, the gate and the generator see, how it was made, and
 * (for the rule) the earlier words it carried.
 */
public record Standalone(String question, Method method, List<String> carried) {

    public enum Method {
        /** The question was judged self-contained and used as it was. */
        NONE,
        /** Key terms of earlier questions were carried into it ({@link FollowUpRule}). */
        RULE,
        /** An LLM rewrote it from the conversation ({@link LlmQuestionRewriter}). */
        LLM;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Standalone unchanged(String question) {
        return new Standalone(question, Method.NONE, List.of());
    }
}
