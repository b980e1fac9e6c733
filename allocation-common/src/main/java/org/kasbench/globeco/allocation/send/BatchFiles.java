package org.kasbench.globeco.allocation.send;

import org.kasbench.globeco.allocation.send.cli.FilesProperties;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a batch's files live in the shared directory. Names come from the batch id only, never from input. */
@Component
public class BatchFiles {

    private final FilesProperties properties;

    BatchFiles(FilesProperties properties) {
        this.properties = properties;
    }

    public Path dir() {
        try {
            return Files.createDirectories(properties.dir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shared files directory " + properties.dir(), e);
        }
    }

    public static String fileName(int batchId) {
        return "allocation-batch-%06d.csv".formatted(batchId);
    }

    public Path file(int batchId) {
        return dir().resolve(fileName(batchId));
    }

    /** Hidden and not ending in .csv while it is written, so nothing picks it up early. */
    public Path partFile(int batchId) {
        return dir().resolve("." + fileName(batchId) + ".part");
    }

    public Path errorsFile(int batchId) {
        return dir().resolve(CliFileFormat.errorsFileName(fileName(batchId)));
    }

    public boolean cleanup() {
        return properties.cleanup();
    }
}
