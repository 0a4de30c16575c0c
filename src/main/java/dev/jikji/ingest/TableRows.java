package dev.jikji.ingest;

import java.util.regex.Pattern;

/**
 * Tables as every parser writes them (Markdown's pipe rows; DOCX and HTML tables are written the same way): which line
 * is the rule under a header row, and which lines are that header. Shared by the chunker, which repeats the header in
 * each chunk of a long table, and the answerer, which reads a row with its column names.
 */
public final class TableRows {

    /** {@code |---|---|}, {@code | --- | :--: |}: the line under a header row. */
    private static final Pattern RULE = Pattern.compile("^\\|?\\s*:?-{3,}.*");

    private TableRows() {}

    public static boolean isRule(String line) {
        return RULE.matcher(line.strip()).matches();
    }

    /** The rule a parser writes under the header row of a table of {@code columns} columns. */
    public static String rule(int columns) {
        return "|" + " --- |".repeat(columns);
    }

    /** The header row and its rule, as written ("| a | b |\n|---|---|"), or null when the table has none. */
    public static String header(String[] lines) {
        return lines.length >= 2 && lines[0].strip().startsWith("|") && isRule(lines[1]) ? lines[0] + "\n" + lines[1] : null;
    }
}
