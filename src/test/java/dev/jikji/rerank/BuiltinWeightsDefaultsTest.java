package dev.jikji.rerank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.config.JikjiConfig;
import io.smallrye.config.WithDefault;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * The server builds its weights from {@code jikji.rerank.builtin.*}; tests and tools use {@link BuiltinReranker.Weights#DEFAULT}
 * and {@code KOREAN}. Both say "the shipped weights", so they must not drift apart.
 */
class BuiltinWeightsDefaultsTest {

    private static double def(Class<?> mapping, String method) throws NoSuchMethodException {
        Method m = mapping.getMethod(method);
        return Double.parseDouble(m.getAnnotation(WithDefault.class).value());
    }

    @Test
    void theConstantsAreTheConfigurationDefaults() throws Exception {
        Class<?> b = JikjiConfig.Rerank.Builtin.class;
        BuiltinReranker.Weights d = BuiltinReranker.Weights.DEFAULT;
        assertThat(d).isEqualTo(new BuiltinReranker.Weights(def(b, "coverage"), def(b, "proximity"), def(b, "heading"),
                def(b, "prior"), def(b, "priorK"), (int) def(b, "window"), def(b, "sentence"), def(b, "answerType"),
                def(b, "sentenceBigrams")));
        Class<?> k = JikjiConfig.Rerank.Builtin.Korean.class;
        assertThat(BuiltinReranker.Weights.KOREAN).isEqualTo(new BuiltinReranker.Weights(def(k, "coverage"),
                def(k, "proximity"), def(k, "heading"), def(k, "prior"), d.priorK(), d.window(), def(k, "sentence"),
                def(k, "answerType"), def(k, "sentenceBigrams")));
    }
}
