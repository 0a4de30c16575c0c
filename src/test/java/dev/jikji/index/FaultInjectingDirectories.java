package dev.jikji.index;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.FilterIndexOutput;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;

/**
 * The test servers' index directory: the real {@link org.apache.lucene.store.FSDirectory}, wrapped so that a test
 * can make every write fail as a full disk does ({@code IOException: No space left on device}) and then free it.
 * Inert unless {@link #diskFull} is set.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FaultInjectingDirectories extends IndexDirectories {

    public static volatile boolean diskFull;

    @Override
    public Directory open(Path path) throws IOException {
        return new FilterDirectory(super.open(path)) {
            @Override
            public IndexOutput createOutput(String name, IOContext context) throws IOException {
                fail(name);
                return failing(super.createOutput(name, context));
            }

            @Override
            public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
                fail(prefix);
                return failing(super.createTempOutput(prefix, suffix, context));
            }

            @Override
            public void sync(Collection<String> names) throws IOException {
                fail(String.valueOf(names));
                super.sync(names);
            }
        };
    }

    private static IndexOutput failing(IndexOutput out) {
        return new FilterIndexOutput("disk-full(" + out + ")", out.getName(), out) {
            @Override
            public void writeByte(byte b) throws IOException {
                fail(getName());
                super.writeByte(b);
            }

            @Override
            public void writeBytes(byte[] b, int offset, int length) throws IOException {
                fail(getName());
                super.writeBytes(b, offset, length);
            }
        };
    }

    private static void fail(String name) throws IOException {
        if (diskFull) throw new IOException(name + ": No space left on device");
    }
}
