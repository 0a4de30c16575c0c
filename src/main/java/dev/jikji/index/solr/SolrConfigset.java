package dev.jikji.index.solr;

import dev.jikji.index.JikjiAnalyzer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/**
 * The collection's configset, rendered from the project's templates ({@code src/main/resources/solr/jikji/}) and
 * the configuration: Nori mode and stop tags, the user dictionary, the English stop words, the vector dimension and
 * HNSW parameters. Its {@link #name()} carries a hash of every file, so two Jikji deployments that would index
 * differently never share a configset, and a collection made by another one is recognised and refused.
 */
public final class SolrConfigset {

    private static final String TEMPLATES = "/solr/jikji/";
    private static final String CLAIMS_TEMPLATES = "/solr/jikji-claims/";
    /** {@code jikji.search.synonyms}, already in analysed terms ({@code SearchSynonyms}). */
    static final String SYNONYMS = "synonyms_ko.txt";

    private final Map<String, String> files;
    private final String name;

    public SolrConfigset(JikjiAnalyzer analyzer, int dimension, int hnswM, int hnswBeamWidth) {
        String stopTags = new TreeSet<>(analyzer.stopTags().stream().map(Enum::name).toList()).stream()
                .collect(Collectors.joining(","));
        String schema = template(TEMPLATES, "schema.xml")
                .replace("@@DECOMPOUND@@", analyzer.decompoundMode().name().toLowerCase(Locale.ROOT))
                .replace("@@STOP_TAGS@@", stopTags)
                .replace("@@DIMENSION@@", Integer.toString(dimension))
                .replace("@@HNSW_M@@", Integer.toString(hnswM))
                .replace("@@HNSW_BEAM_WIDTH@@", Integer.toString(hnswBeamWidth));
        // only when configured, so that a deployment without synonyms keeps its configset's name (and collection)
        boolean synonyms = !analyzer.synonyms().isEmpty();
        String fold = "\n      <filter class=\"solr.SynonymGraphFilterFactory\" synonyms=\"" + SYNONYMS + "\" expand=\"false\""
                + " ignoreCase=\"false\"/>";
        schema = schema.replace("@@SYNONYMS_INDEX@@", synonyms ? fold + "\n      <filter class=\"solr.FlattenGraphFilterFactory\"/>" : "")
                .replace("@@SYNONYMS_QUERY@@", synonyms ? fold : "");
        if (schema.matches("(?s).*@@[A-Z_]+@@.*")) throw new IllegalStateException("schema.xml has a placeholder left");
        Map<String, String> out = new LinkedHashMap<>();
        out.put("schema.xml", schema);
        out.put("solrconfig.xml", template(TEMPLATES, "solrconfig.xml"));
        out.put("userdict_ko.txt", analyzer.userDictionary());
        if (synonyms) out.put(SYNONYMS, analyzer.synonyms().rules());
        out.put("stopwords_en.txt", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.stream().map(o -> new String((char[]) o))
                .sorted().collect(Collectors.joining("\n", "", "\n")));
        this.files = Map.copyOf(out);
        this.name = "jikji-" + hash(out);
    }

    private SolrConfigset(String prefix, Map<String, String> files) {
        this.files = Map.copyOf(files);
        this.name = prefix + hash(files);
    }

    /** The claims collection's configset ({@code src/main/resources/solr/jikji-claims/}), the same for every deployment. */
    public static SolrConfigset claims() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("schema.xml", template(CLAIMS_TEMPLATES, "schema.xml"));
        out.put("solrconfig.xml", template(CLAIMS_TEMPLATES, "solrconfig.xml"));
        return new SolrConfigset("jikji-claims-", out);
    }

    /** {@code jikji-} (or {@code jikji-claims-}) and 12 hex digits of the files' hash: the version a collection is checked against. */
    public String name() {
        return name;
    }

    public Map<String, String> files() {
        return files;
    }

    /** The files as the Configsets API takes them: one zip. */
    public byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var f : new TreeSet<>(files.keySet())) {
                zip.putNextEntry(new ZipEntry(f));
                zip.write(files.get(f).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String template(String dir, String file) {
        try (InputStream in = SolrConfigset.class.getResourceAsStream(dir + file)) {
            if (in == null) throw new IllegalStateException(dir + file + " missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(Map<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (var f : new TreeSet<>(files.keySet())) {
                sha.update(f.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(files.get(f).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
