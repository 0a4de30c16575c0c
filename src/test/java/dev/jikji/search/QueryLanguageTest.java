package dev.jikji.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryLanguageTest {

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            청크 크기는 어떻게 정하나요?          | ko
            색인 잠금 오류 해결                   | ko
            How do I pick the chunk size?       | en
            reciprocal rank fusion              | en
            RAG에서 chunk 크기는?                 | ko
            e5 모델의 차원은 몇인가요?             | ko
            e5 모델의 dimension은?               | ko
            BM25 vs kNN 차이                     | ko
            Why is BM25 better than kNN for 한국어 queries? | en
            What does 색인 mean in Lucene indexing | en
            12345                               | und
            3.14 + 2 = 5.14                     | und
            ?!                                  | und
            ㅋㅋㅋ                                 | ko
            """)
    void detectsTheLanguageByScript(String query, String expected) {
        assertThat(QueryLanguage.detect(query).code()).isEqualTo(expected);
    }

    /** The documented rule: Korean when at least a quarter of the words (with letters) contain Hangul. */
    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ab 가          | ko
            a b c 가       | ko
            a b c d 가     | en
            a b c d 가 나  | ko
            a 1 2 3 4 가   | ko
            abc가          | ko
            """)
    void koreanWhenAtLeastAQuarterOfTheWordsContainHangul(String query, String expected) {
        assertThat(QueryLanguage.detect(query).code()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "blank [{0}]")
    @CsvSource(value = {"''", "'   '"})
    void blankIsUndetermined(String query) {
        assertThat(QueryLanguage.detect(query).code()).isEqualTo("und");
    }
}
