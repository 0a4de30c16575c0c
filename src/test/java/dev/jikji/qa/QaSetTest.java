package dev.jikji.qa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The QA sets are well formed and every expected document and keyword is really in docs-corpus/. */
class QaSetTest {

    private static final Path CORPUS = Path.of("docs-corpus");

    private final List<QaSet.Item> factoid = QaSet.load();
    private final List<QaSet.Item> explanatory = QaSet.load(QaSet.EXPLANATORY);
    private final List<QaSet.Item> items = java.util.stream.Stream.concat(factoid.stream(), explanatory.stream()).toList();

    @Test
    void sizeAndMix() {
        assertThat(factoid).hasSizeGreaterThanOrEqualTo(40);
        assertThat(factoid.stream().filter(i -> !i.answerable()).count()).isGreaterThanOrEqualTo(5);
        for (List<QaSet.Item> set : List.of(factoid, explanatory)) {
            long korean = set.stream().filter(i -> i.language().equals("ko")).count();
            assertThat(korean).as("mostly Korean").isGreaterThan(set.size() / 2);
            assertThat(set.stream().filter(i -> i.language().equals("en")).count()).isPositive();
        }
    }

    @Test
    void explanatorySetAsksWhyHowAndWhatHappens() {
        assertThat(explanatory).hasSizeGreaterThanOrEqualTo(40).allMatch(QaSet.Item::answerable);
        for (QaSet.Item i : explanatory) assertThat(i.kind()).as(i.id()).isNotNull();
        for (QaSet.Kind k : QaSet.Kind.values()) {
            assertThat(explanatory.stream().filter(i -> i.kind() == k).count()).as(k.name()).isGreaterThanOrEqualTo(3);
        }
        // a question written as a colleague asks it, not a sentence copied from the document
        for (QaSet.Item i : explanatory) {
            for (String doc : i.documentIds()) {
                String stem = i.question().replaceAll("[?？]$", "");
                assertThat(read(doc)).as(i.id()).doesNotContain(stem);
            }
        }
    }

    private static String read(String doc) {
        try {
            return Files.readString(CORPUS.resolve(doc));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void fieldsAreComplete() {
        Set<String> ids = new HashSet<>();
        for (QaSet.Item i : items) {
            assertThat(i.id()).isNotBlank();
            assertThat(ids.add(i.id())).as("duplicate id %s", i.id()).isTrue();
            assertThat(explanatory.stream().noneMatch(e -> e.question().equals(i.question()) && e != i))
                    .as("%s asked twice", i.id()).isTrue();
            assertThat(i.language()).as(i.id()).isIn("ko", "en");
            assertThat(i.question()).as(i.id()).isNotBlank();
            assertThat(i.documentIds()).as(i.id()).isNotNull();
            assertThat(i.keywords()).as(i.id()).isNotNull();
            boolean hangul = i.question().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
            assertThat(hangul).as("%s language %s", i.id(), i.language()).isEqualTo(i.language().equals("ko"));
        }
    }

    @Test
    void answerableItemsPointAtRealDocumentsThatHoldEveryKeyword() throws IOException {
        for (QaSet.Item i : items) {
            if (!i.answerable()) continue;
            assertThat(i.documentIds()).as(i.id()).isNotEmpty();
            assertThat(i.keywords()).as(i.id()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
            StringBuilder texts = new StringBuilder();
            for (String doc : i.documentIds()) {
                Path file = CORPUS.resolve(doc);
                assertThat(file).as("%s: document %s", i.id(), doc).isRegularFile();
                texts.append(Files.readString(file)).append('\n');
            }
            for (String k : i.keywords()) {
                assertThat(k).as(i.id()).isNotBlank().hasSizeLessThanOrEqualTo(60);
                assertThat(texts.toString()).as("%s: keyword '%s' verbatim in %s", i.id(), k, i.documentIds()).contains(k);
            }
        }
    }

    @Test
    void unanswerableItemsHaveNoDocumentsOrKeywords() {
        for (QaSet.Item i : items) {
            if (i.answerable()) continue;
            assertThat(i.documentIds()).as(i.id()).isEmpty();
            assertThat(i.keywords()).as(i.id()).isEmpty();
        }
    }

    @Test
    void keywordCheckIsCaseInsensitiveSubstring() {
        QaSet.Item item = new QaSet.Item("x", "en", "q", List.of("d"), List.of("OOM killer", "Linux"), true, null);
        assertThat(item.answeredBy("It was the linux oom killer.")).isTrue();
        assertThat(item.answeredBy("It was the OOM killer.")).isFalse();
    }
}
