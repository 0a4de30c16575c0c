package dev.jikji.slack;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Slack's wire formats: form bodies, and message text with its mentions, links and escapes. */
final class SlackText {

    private static final Pattern USER_MENTION = Pattern.compile("<@[A-Z0-9]+(?:\\|[^>]*)?>");
    private static final Pattern LABELLED_LINK = Pattern.compile("<((?:https?|mailto):[^|>]+)\\|([^>]+)>");
    private static final Pattern LINK = Pattern.compile("<((?:https?|mailto):[^>]+)>");

    private SlackText() {}

    static Map<String, String> form(byte[] body) {
        Map<String, String> fields = new HashMap<>();
        String s = new String(body, StandardCharsets.UTF_8);
        if (s.isEmpty()) return fields;
        for (String pair : s.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.putIfAbsent(key, value);
        }
        return fields;
    }

    /**
     * The question in a message: user mentions removed (the bot's own is how it was addressed; others carry
     * no meaning for retrieval), links reduced to their label or URL, Slack's three escapes undone.
     */
    static String question(String text) {
        if (text == null) return "";
        String s = USER_MENTION.matcher(text).replaceAll(" ");
        s = LABELLED_LINK.matcher(s).replaceAll("$2");
        s = LINK.matcher(s).replaceAll("$1");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return s.strip().replaceAll("[ \\t]+", " ");
    }
}
