package dev.jikji.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/** One Slack message: the notification/fallback text and its Block Kit blocks. */
public record SlackMessage(String text, List<LayoutBlock> blocks) {

    public SlackMessage {
        blocks = List.copyOf(blocks);
    }
}
