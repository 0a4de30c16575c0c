package dev.jikji.index;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Opens the index's Lucene {@link Directory}: {@link FSDirectory} on the data folder. A bean so that a test can
 * wrap the directory to inject disk-full and I/O failures into the real writer.
 */
@DefaultBean
@ApplicationScoped
public class IndexDirectories {

    public static final IndexDirectories FILE_SYSTEM = new IndexDirectories();

    public Directory open(Path path) throws IOException {
        return FSDirectory.open(path);
    }
}
