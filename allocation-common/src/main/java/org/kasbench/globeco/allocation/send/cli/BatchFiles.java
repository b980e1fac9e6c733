package org.kasbench.globeco.allocation.send.cli;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a batch's files live in the shared directory. Names come from the batch id and
 * attempt only, never from input. Each attempt has its own file, so a CLI left running by
 * a process that died can never write into the verdict of a later attempt.
 */
@Component
public class BatchFiles {

	private final FilesProperties properties;

	BatchFiles(FilesProperties properties) {
		this.properties = properties;
	}

	public Path dir() {
		try {
			return Files.createDirectories(properties.dir());
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot create the shared files directory " + properties.dir(), e);
		}
	}

	public static String fileName(int batchId, int attempt) {
		return "%s-%d.csv".formatted(prefix(batchId), attempt);
	}

	private static String prefix(int batchId) {
		return "allocation-batch-%06d".formatted(batchId);
	}

	public Path file(int batchId, int attempt) {
		return dir().resolve(fileName(batchId, attempt));
	}

	/**
	 * Hidden and not ending in .csv while it is written, so nothing picks it up early.
	 */
	public Path partFile(int batchId, int attempt) {
		return dir().resolve("." + fileName(batchId, attempt) + ".part");
	}

	public Path errorsFile(int batchId, int attempt) {
		return dir().resolve(CliFileFormat.errorsFileName(fileName(batchId, attempt)));
	}

	/**
	 * Removes the unfinished part files that earlier attempts of the batch left behind
	 * (they only take space); never a later attempt's, which may be another process's
	 * live work.
	 */
	public void deleteEarlierPartFiles(int batchId, int attempt) throws IOException {
		for (int earlier = 1; earlier < attempt; earlier++) {
			Files.deleteIfExists(partFile(batchId, earlier));
		}
	}

	/** Removes every file of the batch: its attempts' files and errors files. */
	public void deleteAll(int batchId) throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(dir(), prefix(batchId) + "-*.csv*")) {
			for (Path file : files) {
				Files.deleteIfExists(file);
			}
		}
	}

	public boolean cleanup() {
		return properties.cleanup();
	}

}
