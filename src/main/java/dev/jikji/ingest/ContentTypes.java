package dev.jikji.ingest;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The document formats the ingest pipeline understands, and how a file name maps to one. */
public final class ContentTypes {

    public static final String MARKDOWN = "text/markdown";
    public static final String PLAIN = "text/plain";
    public static final String HTML = "text/html";
    /** As a document's text: the PDF's text layer with pages separated by form feeds. */
    public static final String PDF = "application/pdf";
    /** As a document's text: the Word document converted to Markdown. */
    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public static final Set<String> SUPPORTED = Set.of(MARKDOWN, PLAIN, HTML, PDF, DOCX);
    /** Formats that arrive as files and are converted to text before ingest. */
    public static final Set<String> BINARY = Set.of(PDF, DOCX);

    private ContentTypes() {}

    /** The bare media type (parameters such as charset dropped), lower-cased. */
    public static String normalize(String contentType) {
        if (contentType == null) return null;
        int semi = contentType.indexOf(';');
        String bare = (semi >= 0 ? contentType.substring(0, semi) : contentType).strip().toLowerCase(Locale.ROOT);
        return bare.equals("text/x-markdown") ? MARKDOWN : bare;
    }

    /**
     * A file's format: the declared media type when it is one of ours, else the file name's extension. The HTTP
     * upload and the offline CLI both detect with this, then read with {@link DocumentParsers#readFile}.
     */
    public static Optional<String> ofFile(String declared, String fileName) {
        String type = normalize(declared);
        return type != null && SUPPORTED.contains(type) ? Optional.of(type) : fromFileName(fileName);
    }

    public static Optional<String> fromFileName(String name) {
        if (name == null) return Optional.empty();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".md") || lower.endsWith(".markdown")) return Optional.of(MARKDOWN);
        if (lower.endsWith(".html") || lower.endsWith(".htm")) return Optional.of(HTML);
        if (lower.endsWith(".txt") || lower.endsWith(".text")) return Optional.of(PLAIN);
        if (lower.endsWith(".pdf")) return Optional.of(PDF);
        if (lower.endsWith(".docx")) return Optional.of(DOCX);
        return Optional.empty();
    }

    /** Unbounded: go through {@link DocumentParsers#parse}, which runs this under the parser limits. */
    public static ParsedDocument parse(String contentType, String text) {
        return switch (contentType) {
            case MARKDOWN -> new MarkdownParser().parse(text);
            case HTML -> new HtmlParser().parse(text);
            case PLAIN -> new PlainTextParser().parse(text);
            case PDF -> new PagedTextParser().parse(text);
            case DOCX -> new MarkdownParser().parse(text);
            default -> throw new IllegalArgumentException("unsupported content type " + contentType);
        };
    }
}
