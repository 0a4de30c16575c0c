package dev.jikji.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a PDF byte for byte from its objects, with a correct cross-reference table: for crafted files that
 * PDFBox's writer would repair or refuse (a page tree that lies about its /Count, absurd nesting).
 */
public final class RawPdf {

    private final List<byte[]> objects = new ArrayList<>();

    /** Adds object number {@code size() + 1}; the body is everything between "N 0 obj" and "endobj". */
    public RawPdf object(String body) {
        objects.add(body.getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    public RawPdf stream(String dictionaryEntries, String content) {
        return object("<< " + dictionaryEntries + " /Length " + content.getBytes(StandardCharsets.ISO_8859_1).length
                + " >>\nstream\n" + content + "\nendstream");
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        long[] offsets = new long[objects.size()];
        for (int i = 0; i < objects.size(); i++) {
            offsets[i] = out.size();
            write(out, (i + 1) + " 0 obj\n");
            out.writeBytes(objects.get(i));
            write(out, "\nendobj\n");
        }
        long xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (long o : offsets) table.append(String.format("%010d 00000 n \n", o));
        table.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        write(out, table.toString());
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Two real pages of text whose page tree claims {@code count} pages (the 963-byte file of issue 11). */
    public static byte[] lyingPageCount(long count) {
        return new RawPdf()
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R 4 0 R] /Count " + count + " >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>")
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                .stream("", "BT /F1 12 Tf 72 720 Td (The first page describes the aardvark feeding schedule.) Tj ET")
                .stream("", "BT /F1 12 Tf 72 720 Td (The second page lists the zebra enclosure rules.) Tj ET")
                .bytes();
    }

    /** One page of text whose dictionary holds arrays nested {@code depth} deep, and a content stream as deep in q/Q. */
    public static byte[] deepNesting(int depth) {
        String nested = "[".repeat(depth) + "]".repeat(depth);
        String content = "q ".repeat(depth) + "BT /F1 12 Tf 72 720 Td (Nested text about the okapi.) Tj ET" + " Q".repeat(depth);
        return new RawPdf()
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Deep " + nested
                        + " /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>")
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                .stream("", content)
                .bytes();
    }

    /** A page of text drawing an image that claims {@code side} × {@code side} RGB pixels (its data is 6 bytes). */
    public static byte[] hugeImage(int side) {
        return new RawPdf()
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >>"
                        + " /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>")
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                .stream("", "q 612 0 0 792 0 0 cm /Im1 Do Q BT /F1 12 Tf 72 720 Td (A caption about the tapir.) Tj ET")
                .stream("/Type /XObject /Subtype /Image /Width " + side + " /Height " + side
                        + " /ColorSpace /DeviceRGB /BitsPerComponent 8", "\u00ff\u0000\u0000\u00ff\u0000\u0000")
                .bytes();
    }

    /** One page of text whose resources name {@code images} image XObjects (all the same tiny image). */
    public static byte[] manyImages(int images) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < images; i++) names.append("/Im").append(i).append(" 6 0 R ");
        return new RawPdf()
                .object("<< /Type /Catalog /Pages 2 0 R >>")
                .object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
                .object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >>"
                        + " /XObject << " + names + ">> >> /Contents 5 0 R >>")
                .object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
                .stream("", "BT /F1 12 Tf 72 720 Td (A gallery of the gazelle.) Tj ET")
                .stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8",
                        "\u00ff\u0000\u0000")
                .bytes();
    }

    /** {@code pages} empty pages (one shared empty content stream) under one flat page tree, with a true /Count. */
    public static byte[] emptyPages(int pages) {
        RawPdf pdf = new RawPdf().object("<< /Type /Catalog /Pages 2 0 R >>");
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pages; i++) kids.append(i + 4).append(" 0 R ");
        pdf.object("<< /Type /Pages /Kids [" + kids + "] /Count " + pages + " >>");
        pdf.stream("", "");
        for (int i = 0; i < pages; i++) pdf.object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>");
        return pdf.bytes();
    }
}
