package dev.jikji.slack;

import dev.jikji.language.Language;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import dev.jikji.config.JikjiConfig;
import dev.jikji.rag.AskQuery;
import dev.jikji.rag.AskResult;
import dev.jikji.rag.AskService;
import dev.jikji.rag.Standalone;
import dev.jikji.rag.Turn;
import dev.jikji.search.QueryLanguage;
import dev.jikji.search.SearchFilter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Answers Slack questions off the request thread, so Slack's 3-second acknowledgement never waits for
 * retrieval or generation. A bounded pool with a bounded queue: a flood of questions is turned away (logged)
 * rather than piling up memory or starving the HTTP API of CPU.
 */
@ApplicationScoped
public class SlackAnswerer {

    private static final Logger LOG = Logger.getLogger(SlackAnswerer.class);

    private final AskService ask;
    private final SlackWebApi api;
    private final SlackMessageFormatter formatter;
    private final ThreadContext threads;
    private final int topK;
    private final int maxQuestionChars;
    private final ThreadPoolExecutor workers;
    private final Map<String, Set<String>> channelGroups;

    @Inject
    public SlackAnswerer(AskService ask, SlackWebApi api, SlackMessageFormatter formatter, ThreadContext threads,
            JikjiConfig config) {
        this.ask = ask;
        this.api = api;
        this.formatter = formatter;
        this.threads = threads;
        this.topK = Math.min(config.slack().topK(), config.answer().maxTopK());
        this.maxQuestionChars = config.answer().maxQuestionChars();
        this.channelGroups = channelGroups(config.slack().channelGroups());
        int n = Math.max(1, config.slack().workers());
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.slack().queueSize())), r -> {
                    Thread t = new Thread(r, "slack-answer-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true);
    }

    /** Posts "searching…" in the thread, then replaces it with the answer (more messages if it is long). */
    public void answerInThread(String channel, String threadTs, String question) {
        submit(() -> answerInThreadNow(channel, threadTs, question), "thread " + channel + "/" + threadTs);
    }

    /** Answers a slash command through its response_url, in the channel, with the question quoted. */
    public void answerCommand(String responseUrl, String channel, String question, String userId) {
        submit(() -> answerCommandNow(responseUrl, channel, question, userId), "slash command from " + userId);
    }

    private void submit(Runnable task, String what) {
        // the worker continues the trace of the Slack request that queued the question
        Runnable traced = io.opentelemetry.context.Context.current().wrap(task);
        try {
            workers.execute(() -> {
                try {
                    traced.run();
                } catch (RuntimeException e) {
                    LOG.errorf("Slack answer for %s failed: %s", what, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warnf("Slack question for %s turned away: %d questions already waiting", what, workers.getQueue().size());
        }
    }

    private void answerInThreadNow(String channel, String threadTs, String question) {
        if (!api.canPost()) {
            LOG.warn("A Slack event asked a question but jikji.slack.bot-token (JIKJI_SLACK_BOT_TOKEN) is not set; not answered");
            return;
        }
        if (question.isBlank()) {
            api.postMessage(channel, threadTs, formatter.usage());
            return;
        }
        Language language = language(question);
        String placeholder = api.postMessage(channel, threadTs, formatter.searching(language));
        List<Turn> history = threads.turns(channel, threadTs);
        // Remembered before answering, so a follow-up asked while this one is being answered still sees it.
        threads.remember(channel, threadTs, question);
        String answerId = channel + "/" + placeholder;
        List<SlackMessage> messages;
        try {
            AskResult result = ask(question, history, channel);
            threads.answered(channel, threadTs, question, result.abstained() ? "" : result.answer());
            log(answerId, result, !history.isEmpty());
            messages = formatter.answer(result, answerId, followedUp(result));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Answering a Slack question in %s failed", answerId);
            messages = List.of(formatter.failed(language));
        }
        api.update(channel, placeholder, messages.getFirst());
        for (SlackMessage more : messages.subList(1, messages.size())) api.postMessage(channel, threadTs, more);
    }

    private void answerCommandNow(String responseUrl, String channel, String question, String userId) {
        Language language = language(question);
        String answerId = "command/" + UUID.randomUUID().toString().substring(0, 8);
        List<SlackMessage> messages;
        try {
            AskResult result = ask(question, List.of(), channel);
            log(answerId, result, false);
            messages = withQuestion(formatter.answer(result, answerId, null), question, userId, language);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Answering a Slack slash command (%s) failed", answerId);
            api.respond(responseUrl, formatter.failed(language), false);
            return;
        }
        for (SlackMessage m : messages) api.respond(responseUrl, m, true);
    }

    /**
     * Answered from public documents and those of the channel's groups ({@code jikji.slack.channel-groups}),
     * with the thread's earlier turns as history, exactly as the API answers a follow-up.
     */
    private AskResult ask(String question, List<Turn> history, String channel) {
        String q = question.length() > maxQuestionChars ? question.substring(0, maxQuestionChars) : question;
        return ask.ask(new AskQuery(q, topK, SearchFilter.visibleTo(groupsOf(channel)), history), AskService.Listener.NONE);
    }

    /** The question searched for a follow-up, shown above its answer; null when it was used as asked. */
    static String followedUp(AskResult result) {
        return result.rewrittenBy() == null || result.rewrittenBy() == Standalone.Method.NONE ? null
                : result.standaloneQuestion();
    }

    /** The groups a channel may read; none (public documents only) for a channel not configured, or a DM. */
    Set<String> groupsOf(String channel) {
        return channel == null ? Set.of() : channelGroups.getOrDefault(channel, Set.of());
    }

    /**
     * Case-insensitive: Slack's channel ids are upper-case, but a key set through the environment
     * ({@code JIKJI_SLACK_CHANNEL_GROUPS_C0123ABCD}) reaches the map lower-cased.
     */
    static Map<String, Set<String>> channelGroups(Map<String, String> config) {
        Map<String, Set<String>> out = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (config == null) return out;
        config.forEach((channel, groups) -> {
            Set<String> set = new LinkedHashSet<>();
            for (String g : groups.split(",")) {
                if (!g.isBlank()) set.add(g.strip());
            }
            out.put(channel.strip(), Set.copyOf(set));
        });
        return java.util.Collections.unmodifiableMap(out);
    }

    /** A delayed in-channel reply does not echo the command, so the channel is told what was asked, and by whom. */
    private static List<SlackMessage> withQuestion(List<SlackMessage> messages, String question, String userId,
            Language language) {
        String who = userId == null ? "" : "<@" + userId + "> ";
        String label = language == Language.KOREAN ? "질문" : "asked";
        List<LayoutBlock> first = new ArrayList<>();
        first.add(ContextBlock.builder().elements(List.of(MarkdownTextObject.builder()
                .text("❓ " + who + label + ": _" + SlackMessageFormatter.escape(question) + "_").build())).build());
        first.addAll(messages.getFirst().blocks());
        List<SlackMessage> out = new ArrayList<>(messages);
        // One more block may exceed 50; then it goes first in a message of its own.
        if (first.size() > SlackMessageFormatter.MESSAGE_BLOCKS) {
            out.addFirst(new SlackMessage(question, first.subList(0, 1)));
        } else {
            out.set(0, new SlackMessage(messages.getFirst().text(), first));
        }
        return out;
    }

    private static void log(String answerId, AskResult result, boolean followUp) {
        LOG.infof("Slack answer %s: mode=%s abstained=%s citations=%d followUp=%s totalMs=%d", answerId, result.mode(),
                result.abstained(), result.citations().size(), followUp, result.timings().totalMs());
    }

    static Language language(String question) {
        return QueryLanguage.detect(question).ofAnswer();
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
