package dev.jikji.ingest;

import dev.jikji.embed.TokenCounter;
import dev.jikji.language.Language;
import dev.jikji.language.TextLanguage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Packs a document's blocks into chunks of about a target size. A chunk never spans two sections, so its
 * heading path is exact. Blocks are kept whole when they fit; a longer paragraph is cut between sentences,
 * a longer code block or table between lines (a table's header row repeated at the head of each later chunk), and
 * only a single sentence longer than the target is cut
 * between words. Consecutive chunks of a section share up to an overlap of whole units, so a fact at a
 * boundary is found from either side. Each section is measured in the unit its language calls for
 * ({@link Measure}): tokens of the embedding tokenizer where that tokenizer fits the language, characters
 * where it does not (an English WordPiece vocabulary cuts Hangul into jamo pieces, ~1.2 tokens a character).
 */
public final class Chunker {

    /**
     * Counts characters (code points) other than white space: a unit that means the same in every language,
     * and, like the WordPiece counts, additive over the white space that joins units.
     */
    public static final TokenCounter CHARACTERS = text -> (int) text.codePoints().filter(c -> !Character.isWhitespace(c)).count();

    /** How a section is sized: its counter, and the target and overlap in that counter's unit. */
    public record Measure(TokenCounter counter, int target, int overlap) {
        public Measure {
            if (target < 16) throw new IllegalArgumentException("the chunk target must be at least 16");
            if (overlap < 0 || overlap >= target) throw new IllegalArgumentException("the overlap must be in [0, target)");
        }
    }

    private final Function<Language, Measure> measures;

    /** Every section measured by {@code counter}, whatever its language. */
    public Chunker(TokenCounter counter, int targetTokens, int overlapTokens) {
        Measure only = new Measure(counter, targetTokens, overlapTokens);
        this.measures = language -> only;
    }

    /** Each section measured as {@code measureFor} says for its language ({@link TextLanguage#detect}). */
    public Chunker(Function<Language, Measure> measureFor) {
        this.measures = measureFor;
    }

    public List<Chunk> chunk(ParsedDocument doc) {
        List<Chunk> chunks = new ArrayList<>();
        List<Block> section = new ArrayList<>();
        for (Block block : doc.blocks()) {
            if (!section.isEmpty() && (section.getFirst().section() != block.section()
                    || section.getFirst().page() != block.page())) {
                packSection(section, chunks);
                section.clear();
            }
            section.add(block);
        }
        if (!section.isEmpty()) packSection(section, chunks);
        return chunks;
    }

    /**
     * A piece that is never cut further: a block, a sentence, a line, or a run of words. A row of a table cut
     * between rows carries the table's {@code header} (row and rule, null otherwise), which a chunk starting inside
     * the table repeats: rows without their column names say little, to BM25 and to a reader.
     */
    private record Unit(String text, int start, int end, int tokens, int block, String joiner, String header,
            int headerTokens) {
        Unit(String text, int start, int end, int tokens, int block, String joiner) {
            this(text, start, end, tokens, block, joiner, null, 0);
        }
    }

    private void packSection(List<Block> blocks, List<Chunk> out) {
        StringBuilder text = new StringBuilder();
        for (Block b : blocks) text.append(b.text()).append('\n');
        Measure m = measures.apply(TextLanguage.detect(text.toString()));
        int targetTokens = m.target();
        List<Unit> units = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            units.addAll(units(m, blocks.get(b), b));
        }
        List<String> path = blocks.getFirst().headingPath();
        int page = blocks.getFirst().page();
        List<Unit> current = new ArrayList<>();
        int tokens = 0;
        boolean hasNew = false;
        for (Unit u : units) {
            if (hasNew && tokens + u.tokens() > targetTokens) {
                out.add(toChunk(out.size(), path, page, current));
                List<Unit> overlap = tail(m, current, u);
                current = new ArrayList<>(overlap);
                tokens = overlap.stream().mapToInt(Unit::tokens).sum() + (overlap.isEmpty() ? 0 : overlap.getFirst().headerTokens());
                hasNew = false;
            }
            // a chunk that starts inside a table repeats its header row: that counts toward the target too
            if (current.isEmpty()) tokens += u.headerTokens();
            current.add(u);
            tokens += u.tokens();
            hasNew = true;
        }
        if (hasNew) out.add(toChunk(out.size(), path, page, current));
    }

    /**
     * Trailing units worth at most the overlap, leaving room for the unit that comes next; the first of them opens
     * the next chunk, so a table header it would repeat counts as well.
     */
    private static List<Unit> tail(Measure m, List<Unit> units, Unit next) {
        int budget = Math.min(m.overlap(), m.target() - next.tokens());
        int used = 0;
        int from = units.size();
        while (from > 0 && used + units.get(from - 1).tokens() + units.get(from - 1).headerTokens() <= budget) {
            used += units.get(--from).tokens();
        }
        return units.subList(from, units.size());
    }

    private static List<Unit> units(Measure m, Block block, int index) {
        int tokens = m.counter().count(block.text());
        if (tokens <= m.target()) {
            return List.of(new Unit(block.text(), block.start(), block.end(), tokens, index, "\n\n"));
        }
        List<Unit> units = new ArrayList<>();
        if (block.kind().isProse()) {
            for (int[] s : SentenceSplitter.split(block.text())) {
                String sentence = block.text().substring(s[0], s[1]);
                addBounded(m, units, sentence, block.start() + s[0], index, " ");
            }
        } else {
            String[] lines = block.text().split("\n", -1);
            String header = block.kind() == Block.Kind.TABLE ? TableRows.header(lines) : null;
            int headerTokens = header == null ? 0 : m.counter().count(header);
            int offset = 0;
            for (int l = 0; l < lines.length; l++) {
                String line = lines[l];
                if (!line.isBlank()) {
                    int from = units.size();
                    addBounded(m, units, line, block.start() + offset, index, "\n");
                    if (header != null && l >= 2) {
                        for (int u = from; u < units.size(); u++) units.set(u, withHeader(units.get(u), header, headerTokens));
                    }
                }
                offset += line.length() + 1;
            }
        }
        return units;
    }

    private static Unit withHeader(Unit u, String header, int headerTokens) {
        return new Unit(u.text(), u.start(), u.end(), u.tokens(), u.block(), u.joiner(), header, headerTokens);
    }

    private static void addBounded(Measure m, List<Unit> units, String text, int start, int block, String joiner) {
        TokenCounter counter = m.counter();
        int targetTokens = m.target();
        int tokens = counter.count(text);
        if (tokens <= targetTokens) {
            units.add(new Unit(text, start, start + text.length(), tokens, block, joiner));
            return;
        }
        // a single sentence or line over the target: cut between words, never inside one
        String[] words = text.split("(?<=\\s)");
        StringBuilder piece = new StringBuilder();
        int pieceStart = start;
        int offset = start;
        for (String w : words) {
            if (!piece.isEmpty() && counter.count(piece + w) > targetTokens) {
                String p = piece.toString();
                units.add(new Unit(p.strip(), pieceStart, pieceStart + p.length(), counter.count(p), block, " "));
                piece.setLength(0);
                pieceStart = offset;
            }
            piece.append(w);
            offset += w.length();
        }
        if (!piece.isEmpty()) {
            String p = piece.toString();
            units.add(new Unit(p.strip(), pieceStart, pieceStart + p.length(), counter.count(p), block, " "));
        }
    }

    private static Chunk toChunk(int ordinal, List<String> path, int page, List<Unit> units) {
        StringBuilder sb = new StringBuilder();
        int tokens = 0;
        for (int i = 0; i < units.size(); i++) {
            Unit u = units.get(i);
            boolean sameBlock = i > 0 && units.get(i - 1).block() == u.block();
            if (i > 0) sb.append(sameBlock ? u.joiner() : "\n\n");
            if (u.header() != null && !sameBlock) {
                // the chunk starts inside a table: its header row first
                sb.append(u.header()).append('\n');
                tokens += u.headerTokens();
            }
            sb.append(u.text());
            tokens += u.tokens();
        }
        return new Chunk(ordinal, path, sb.toString(), units.getFirst().start(), units.getLast().end(), tokens, page);
    }
}
