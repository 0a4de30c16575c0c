package dev.jikji.embed;

import dev.jikji.config.JikjiConfig.Embedding.UncoveredLanguages;
import dev.jikji.language.Language;
import java.util.TreeSet;

/**
 * Which chunks get a vector: those in a language the model declares, unless configuration asks for vectors
 * in every language. A vector of text the model was not trained on is worse than none: Korean through an
 * English-only encoder collapses into one tight cluster that crowds English questions' nearest neighbours,
 * and Korean queries skip the vector leg anyway, so nobody reads it. Text without letters is embedded.
 */
public record VectorLanguages(EncoderSpec spec, UncoveredLanguages uncovered) {

    /** All languages: what every index held before chunks were told apart (an index without the record). */
    public static final String ALL = "*";

    public boolean embeds(Language language) {
        return uncovered == UncoveredLanguages.EMBED || language == Language.UNDETERMINED || spec.covers(language);
    }

    /** What the index records: the languages whose chunks have vectors, {@value #ALL} for all. */
    public String fingerprint() {
        if (uncovered == UncoveredLanguages.EMBED || spec.languages().contains(ALL)) return ALL;
        return String.join(",", new TreeSet<>(spec.languages()));
    }
}
