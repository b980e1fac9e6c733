package org.kasbench.globeco.allocation.testsupport;

import org.kasbench.globeco.allocation.standins.PortfolioAccountingCliStandIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How tests run the Portfolio Accounting CLI stand-in: as a separate JVM, exactly as exec mode runs a CLI. */
public final class CliStandIns {

    private CliStandIns() {
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static String classpath() {
        try {
            return Path.of(PortfolioAccountingCliStandIn.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The exec-mode command line that runs the stand-in. */
    public static String execCommand() {
        return java() + " -Xshare:auto -XX:TieredStopAtLevel=1 -cp " + classpath() + " "
                + PortfolioAccountingCliStandIn.class.getName() + " process --file {file} --output-dir {dir}";
    }

    /** Switches the stand-in's behaviour for the runs that write into {@code dir}: ok, fail, hang or unreachable. */
    public static void mode(Path dir, String mode) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(".cli-standin-mode"), mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
