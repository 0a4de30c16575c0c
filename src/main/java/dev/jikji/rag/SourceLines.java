package dev.jikji.rag;

import dev.jikji.ingest.TableRows;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A source's lines as prose to quote: Markdown markers stripped ({@link ExtractiveAnswerGenerator#clean}), and a
 * table row read with its column names ("요일: 월 · 할 일: 계정 발급, 노트북 설정"), since a row quoted bare ("월 ·
 * 계정 발급, …") does not say what its cells are, and the header row itself names columns without saying anything.
 * The chunker repeats a long table's header row in each chunk it cuts the table into, so the names are at hand.
 */
final class SourceLines {

    /**
     * One line as written ({@code raw}, for its form), as quoted ({@code prose}; empty: nothing to quote) and, for a
     * table row, the column names put into it ({@code labels}; empty otherwise), which the answerer reads apart from
     * the cells (Nori reads a cell differently after a name: the 월 of "요일: 월" as a bound noun).
     */
    record Line(String raw, String prose, String labels) {
        Line(String raw, String prose) {
            this(raw, prose, "");
        }
    }

    /** A column name that says nothing as a label: "#", "No.", or none. */
    private static final Pattern NO_LABEL = Pattern.compile("^(?:#|no\\.?|번호|)$", Pattern.CASE_INSENSITIVE);
    /** A cell that holds nothing: its pair is left out. */
    private static final Pattern EMPTY_CELL = Pattern.compile("^(?:[-—–]|n/a|)$", Pattern.CASE_INSENSITIVE);

    private SourceLines() {}

    static List<Line> of(String text) {
        String[] lines = text.split("\n");
        List<Line> out = new ArrayList<>(lines.length);
        List<String> header = null;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String s = raw.strip();
            if (!s.startsWith("|")) {
                header = null;
                out.add(new Line(raw, ExtractiveAnswerGenerator.clean(raw)));
                continue;
            }
            if (TableRows.isRule(s)) {
                out.add(new Line(raw, ""));
                continue;
            }
            List<String> cells = cells(s);
            if (i + 1 < lines.length && TableRows.isRule(lines[i + 1])) {
                header = cells; // the column names: not a statement of its own
                out.add(new Line(raw, ""));
            } else if (header != null && header.size() == cells.size()) {
                out.add(new Line(raw, labelled(header, cells), String.join(" ", header)));
            } else {
                out.add(new Line(raw, ExtractiveAnswerGenerator.clean(raw)));
            }
        }
        return out;
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1);
        if (inner.endsWith("|")) inner = inner.substring(0, inner.length() - 1);
        List<String> cells = new ArrayList<>();
        for (String c : inner.split("\\|", -1)) cells.add(ExtractiveAnswerGenerator.clean(c));
        return cells;
    }

    private static String labelled(List<String> header, List<String> cells) {
        List<String> pairs = new ArrayList<>();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            if (EMPTY_CELL.matcher(cell).matches()) continue;
            String name = header.get(c);
            pairs.add(NO_LABEL.matcher(name).matches() || name.equals(cell) ? cell : name + ": " + cell);
        }
        return String.join(" · ", pairs);
    }
}
