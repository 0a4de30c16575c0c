package dev.jikji.onnx;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes small ONNX models (ModelProto, protobuf wire format) for tests, so that code running real exports can be
 * tested against graphs with exactly their input/output signature.
 *
 * <p>Written by hand with {@link CodedOutputStream} because Maven Central has no ONNX Java library without bundled
 * native code; the field numbers are those of onnx.proto (IR version 8).
 *
 * <pre>{@code
 * new OnnxModelBuilder()
 *     .input("a", ElemType.FLOAT, "batch", 3)           // dims: numbers, or names for symbolic dims
 *     .input("b", ElemType.FLOAT, "batch", 3)
 *     .output("sum", ElemType.FLOAT, "batch", 3)
 *     .initializer("w", new float[] {1, 2, 3}, 3)       // raw little-endian data
 *     .node("Add", List.of("a", "b"), List.of("ab"))
 *     .node("Mul", List.of("ab", "w"), List.of("sum"))
 *     .write(dir.resolve("model.onnx"));
 * }</pre>
 *
 * With {@link #externalDataFrom(long)} initializers of that many bytes or more go to {@code <model file>_data}
 * (e.g. {@code model.onnx_data}) next to the model, referenced by location/offset/length as exporters do for
 * models over 2 GB.
 */
public final class OnnxModelBuilder {

    /** TensorProto.DataType values. */
    public enum ElemType {
        FLOAT(1, 4), INT32(6, 4), INT64(7, 8), BOOL(9, 1), FLOAT16(10, 2);

        public final int code;
        public final int bytes;

        ElemType(int code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }
    }

    /** A tensor: element type, shape and little-endian raw bytes. */
    public record Tensor(ElemType type, long[] dims, byte[] raw) {

        public static Tensor floats(float[] data, long... dims) {
            ByteBuffer b = le(data.length * 4);
            for (float f : data) b.putFloat(f);
            return new Tensor(ElemType.FLOAT, dims, b.array());
        }

        /** Stored as IEEE half precision; the values are rounded from {@code data}. */
        public static Tensor float16(float[] data, long... dims) {
            ByteBuffer b = le(data.length * 2);
            for (float f : data) b.putShort(Float.floatToFloat16(f));
            return new Tensor(ElemType.FLOAT16, dims, b.array());
        }

        public static Tensor longs(long[] data, long... dims) {
            ByteBuffer b = le(data.length * 8);
            for (long l : data) b.putLong(l);
            return new Tensor(ElemType.INT64, dims, b.array());
        }

        public static Tensor ints(int[] data, long... dims) {
            ByteBuffer b = le(data.length * 4);
            for (int i : data) b.putInt(i);
            return new Tensor(ElemType.INT32, dims, b.array());
        }

        private static ByteBuffer le(int size) {
            return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** A node attribute (AttributeProto); build one with the static factories. */
    public static final class Attr {
        private final String name;
        private final int type;
        private final Object value;

        private Attr(String name, int type, Object value) {
            this.name = name;
            this.type = type;
            this.value = value;
        }

        public static Attr f(String name, float value) { return new Attr(name, 1, value); }
        public static Attr i(String name, long value) { return new Attr(name, 2, value); }
        public static Attr s(String name, String value) { return new Attr(name, 3, value); }
        public static Attr t(String name, Tensor value) { return new Attr(name, 4, value); }
        public static Attr floats(String name, float... values) { return new Attr(name, 6, values); }
        public static Attr ints(String name, long... values) { return new Attr(name, 7, values); }
    }

    private record ValueInfo(String name, ElemType type, Object[] dims) {}

    private record Node(String opType, List<String> inputs, List<String> outputs, String domain, Attr[] attrs) {}

    private record Initializer(String name, Tensor tensor) {}

    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Initializer> initializers = new ArrayList<>();
    private String graphName = "test-graph";
    private int opset = 17;
    private long externalFrom = Long.MAX_VALUE;

    public OnnxModelBuilder graphName(String name) {
        this.graphName = name;
        return this;
    }

    /** Version of the default ("ai.onnx") operator set; 17 unless set. */
    public OnnxModelBuilder opset(int version) {
        this.opset = version;
        return this;
    }

    /** Initializers of at least {@code bytes} bytes are written to {@code <model>_data}; needs {@link #write}. */
    public OnnxModelBuilder externalDataFrom(long bytes) {
        this.externalFrom = bytes;
        return this;
    }

    /** A graph input; each dim is a number (fixed) or a String (symbolic, e.g. "batch_size"). */
    public OnnxModelBuilder input(String name, ElemType type, Object... dims) {
        inputs.add(new ValueInfo(name, type, dims));
        return this;
    }

    public OnnxModelBuilder output(String name, ElemType type, Object... dims) {
        outputs.add(new ValueInfo(name, type, dims));
        return this;
    }

    public OnnxModelBuilder initializer(String name, Tensor tensor) {
        initializers.add(new Initializer(name, tensor));
        return this;
    }

    public OnnxModelBuilder initializer(String name, float[] data, long... dims) {
        return initializer(name, Tensor.floats(data, dims));
    }

    public OnnxModelBuilder initializer(String name, long[] data, long... dims) {
        return initializer(name, Tensor.longs(data, dims));
    }

    /** A node of the default domain; an empty input name stands for an omitted optional input. */
    public OnnxModelBuilder node(String opType, List<String> inputs, List<String> outputs, Attr... attrs) {
        return node("", opType, inputs, outputs, attrs);
    }

    public OnnxModelBuilder node(String domain, String opType, List<String> inputs, List<String> outputs, Attr... attrs) {
        nodes.add(new Node(opType, List.copyOf(inputs), List.copyOf(outputs), domain, attrs));
        return this;
    }

    /** The model as bytes; every initializer inline (external data needs {@link #write}). */
    public byte[] toBytes() {
        return model(null, null);
    }

    /** Writes the model (and {@code <file>_data} if any initializer is large enough) and returns {@code file}. */
    public Path write(Path file) {
        String dataName = file.getFileName() + "_data";
        Path dataFile = file.resolveSibling(dataName);
        try (OutputStream data = externalFrom == Long.MAX_VALUE ? null : Files.newOutputStream(dataFile)) {
            ExternalData external = data == null ? null : new ExternalData(data, dataName);
            Files.write(file, model(external, dataName));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class ExternalData {
        final OutputStream out;
        final String location;
        long offset;

        ExternalData(OutputStream out, String location) {
            this.out = out;
            this.location = location;
        }
    }

    private byte[] model(ExternalData external, String dataName) {
        return message(out -> {
            out.writeInt64(1, 8); // ir_version
            out.writeString(2, "jikji-test");
            out.writeByteArray(7, graph(external));
            out.writeByteArray(8, message(o -> {
                o.writeString(1, "");
                o.writeInt64(2, opset);
            }));
        });
    }

    private byte[] graph(ExternalData external) throws IOException {
        List<byte[]> inits = new ArrayList<>();
        for (Initializer init : initializers) {
            inits.add(tensor(init.name(), init.tensor(), external, externalFrom));
        }
        return message(out -> {
            int n = 0;
            for (Node node : nodes) {
                out.writeByteArray(1, node(node, "n" + n++ + "_" + node.opType()));
            }
            out.writeString(2, graphName);
            for (byte[] init : inits) out.writeByteArray(5, init);
            for (ValueInfo v : inputs) out.writeByteArray(11, valueInfo(v));
            for (ValueInfo v : outputs) out.writeByteArray(12, valueInfo(v));
        });
    }

    private static byte[] node(Node node, String name) throws IOException {
        return message(out -> {
            for (String in : node.inputs()) out.writeString(1, in);
            for (String o : node.outputs()) out.writeString(2, o);
            out.writeString(3, name);
            out.writeString(4, node.opType());
            for (Attr a : node.attrs()) out.writeByteArray(5, attribute(a));
            if (!node.domain().isEmpty()) out.writeString(7, node.domain());
        });
    }

    private static byte[] attribute(Attr a) throws IOException {
        return message(out -> {
            out.writeString(1, a.name);
            switch (a.type) {
                case 1 -> out.writeFloat(2, (Float) a.value);
                case 2 -> out.writeInt64(3, (Long) a.value);
                case 3 -> out.writeByteArray(4, ((String) a.value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                case 4 -> out.writeByteArray(5, tensor("", (Tensor) a.value, null, Long.MAX_VALUE));
                case 6 -> { for (float f : (float[]) a.value) out.writeFloat(7, f); }
                case 7 -> { for (long l : (long[]) a.value) out.writeInt64(8, l); }
                default -> throw new IllegalArgumentException("attribute type " + a.type);
            }
            out.writeEnum(20, a.type);
        });
    }

    private static byte[] tensor(String name, Tensor t, ExternalData external, long externalFrom) throws IOException {
        boolean outside = external != null && t.raw().length >= externalFrom;
        long offset = 0;
        if (outside) {
            // 4 KiB alignment lets ONNX Runtime map the data straight from the file on every platform.
            long padding = (4096 - external.offset % 4096) % 4096;
            external.out.write(new byte[(int) padding]);
            offset = external.offset + padding;
            external.out.write(t.raw());
            external.offset = offset + t.raw().length;
        }
        long dataOffset = offset;
        return message(out -> {
            for (long d : t.dims()) out.writeInt64(1, d);
            out.writeInt32(2, t.type().code);
            if (!name.isEmpty()) out.writeString(8, name);
            if (outside) {
                out.writeByteArray(13, entry("location", external.location));
                out.writeByteArray(13, entry("offset", Long.toString(dataOffset)));
                out.writeByteArray(13, entry("length", Long.toString(t.raw().length)));
                out.writeEnum(14, 1); // EXTERNAL
            } else {
                out.writeByteArray(9, t.raw());
            }
        });
    }

    private static byte[] entry(String key, String value) throws IOException {
        return message(out -> {
            out.writeString(1, key);
            out.writeString(2, value);
        });
    }

    private static byte[] valueInfo(ValueInfo v) throws IOException {
        byte[] shape = message(out -> {
            for (Object d : v.dims()) {
                out.writeByteArray(1, message(o -> {
                    if (d instanceof String s) o.writeString(2, s);
                    else o.writeInt64(1, ((Number) d).longValue());
                }));
            }
        });
        byte[] tensorType = message(out -> {
            out.writeInt32(1, v.type().code);
            out.writeByteArray(2, shape);
        });
        return message(out -> {
            out.writeString(1, v.name());
            out.writeByteArray(2, message(o -> o.writeByteArray(1, tensorType)));
        });
    }

    @FunctionalInterface
    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
