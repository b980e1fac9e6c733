package org.kasbench.globeco.allocation.send.cli;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * The directory shared with the Portfolio Accounting CLI ({@code allocation.files.*}).
 *
 * @param dir the directory this service writes the CLI's files to (shared with the CLI)
 * @param cleanup delete a batch's file after a successful run
 */
@ConfigurationProperties("allocation.files")
public record FilesProperties(@DefaultValue("/usr/local/share/files") Path dir,
		@DefaultValue("false") boolean cleanup) {
}
