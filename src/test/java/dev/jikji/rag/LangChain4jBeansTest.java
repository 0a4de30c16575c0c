package dev.jikji.rag;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jikji.embed.Passage;
import dev.jikji.search.LuceneContentRetriever;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Jikji's parts as LangChain4j beans: an AiServices assistant built from the injected {@link ContentRetriever}
 * and a chat model answers from real retrieval over the on-disk index, citing its source, and the caller's ACL
 * groups travel with each call (InvocationParameters), never with the retriever. No LLM exists here, so the chat
 * model is a scripted one that quotes the first sentence of the first source LangChain4j put into its prompt.
 */
@QuarkusTest
@Tag("quarkus")
class LangChain4jBeansTest {

    interface Assistant {
        Result<String> answer(@dev.langchain4j.service.UserMessage String question, InvocationParameters caller);
    }

    /** Quotes the first sentence of the first source in the augmented prompt and cites it as [1]. */
    static final class QuotingChatModel implements ChatModel {
        final List<String> prompts = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            List<ChatMessage> messages = request.messages();
            String prompt = ((UserMessage) messages.getLast()).singleText();
            prompts.add(prompt);
            String marker = "Answer using the following information:\n";
            int at = prompt.indexOf(marker);
            String answer;
            if (at < 0) {
                answer = "I could not find the answer in the documents.";
            } else {
                String first = prompt.substring(at + marker.length()).strip().split("\n\n")[0].replace('\n', ' ');
                int stop = first.indexOf(". ");
                answer = (stop > 0 ? first.substring(0, stop + 1) : first) + " [1]";
            }
            return ChatResponse.builder().aiMessage(AiMessage.from(answer)).build();
        }
    }

    @Inject
    ContentRetriever retriever;

    @Inject
    EmbeddingModel queryModel;

    @Inject
    @Passage
    EmbeddingModel passageModel;

    @Inject
    Instance<ScoringModel> scoring;

    @Inject
    Instance<ChatModel> chat;

    // "numbat", a word no other test ingests: the test profile shares one index across classes, and MetricsTest's
    // "# Wombat budget" plain-text document (its heading kept in the chunk text) once outranked this one
    @BeforeEach
    void documents() {
        given().contentType("application/json").body(List.of(
                Map.of("id", "lc4j/budget.md", "title", "Numbat budget",
                        "text", "# Numbat budget\n\nThe numbat budget is approved every March by the finance committee. "
                                + "Requests go to the treasurer."),
                Map.of("id", "lc4j/bonus.md", "title", "Numbat bonus", "acl", List.of("finance"),
                        "text", "# Numbat bonus\n\nThe numbat bonus is paid every June to the keepers. It is confidential.")))
                .post("/api/v1/documents").then().statusCode(200);
    }

    private static Assistant assistant(ChatModel model, ContentRetriever retriever) {
        return AiServices.builder(Assistant.class).chatModel(model).contentRetriever(retriever).build();
    }

    @Test
    void anAiServicesAssistantAnswersFromJikjisRetrieverWithACitation() {
        QuotingChatModel model = new QuotingChatModel();
        Result<String> r = assistant(model, retriever).answer("When is the numbat budget approved?",
                InvocationParameters.from(LuceneContentRetriever.GROUPS, Set.of()));
        assertThat(r.content()).isEqualTo("The numbat budget is approved every March by the finance committee. [1]");
        List<Content> sources = r.sources();
        assertThat(sources).isNotEmpty();
        assertThat(sources.getFirst().textSegment().metadata().getString("documentId")).isEqualTo("lc4j/budget.md");
        assertThat(sources.getFirst().textSegment().metadata().getDouble("rerankScore")).isNotNull();
        assertThat(model.prompts.getLast()).contains("When is the numbat budget approved?");
    }

    @Test
    void theCallersGroupsTravelWithEachQuery() {
        QuotingChatModel model = new QuotingChatModel();
        Assistant assistant = assistant(model, retriever);
        String question = "When is the numbat bonus paid?";

        // a caller without the group: the restricted document is neither a source nor in the prompt
        Result<String> outsider = assistant.answer(question, InvocationParameters.from(LuceneContentRetriever.GROUPS, Set.of("staff")));
        assertThat(outsider.sources()).extracting(c -> c.textSegment().metadata().getString("documentId"))
                .doesNotContain("lc4j/bonus.md");
        assertThat(model.prompts.getLast()).doesNotContain("June");
        // no groups given at all: public documents only (fails closed)
        assertThat(retriever.retrieve(dev.langchain4j.rag.query.Query.from(question)))
                .extracting(c -> c.textSegment().metadata().getString("documentId")).doesNotContain("lc4j/bonus.md");

        // the same assistant, a member of the group: the document is found and quoted
        Result<String> member = assistant.answer(question, InvocationParameters.from(LuceneContentRetriever.GROUPS, Set.of("finance")));
        assertThat(member.sources().getFirst().textSegment().metadata().getString("documentId")).isEqualTo("lc4j/bonus.md");
        assertThat(member.content()).isEqualTo("The numbat bonus is paid every June to the keepers. [1]");
    }

    @Test
    void theModelsAreBeansOfTheirLangChain4jTypes() {
        // query and passage views differ by the e5 prefixes: the same text embeds differently
        float[] q = queryModel.embed("numbat budget").content().vector();
        float[] p = passageModel.embed("numbat budget").content().vector();
        assertThat(q).hasSize(384);
        assertThat(p).hasSize(384).isNotEqualTo(q);
        // the built-in reranker scores a passage that answers above one that does not
        ScoringModel reranker = scoring.get();
        double good = reranker.score("The numbat budget is approved every March.", "When is the numbat budget approved?").content();
        double bad = reranker.score("Visitors park on level two.", "When is the numbat budget approved?").content();
        assertThat(good).isGreaterThan(bad);
        // the extractive answerer is no LLM: no ChatModel bean value
        assertThat(chat.get()).isNull();
    }
}
