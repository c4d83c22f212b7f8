package org.gridstation.kiosk.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Preconditions of tests that need something outside the JVM (Chromium, espeak-ng): skipped with
 * the reason where it is missing, a failure under {@code CI=true}.
 */
public final class Needs {
    private Needs() {
    }

    /** The program at {@code path}, e.g. {@code /usr/bin/espeak-ng}; {@code hint} says how to install it. */
    public static void executable(Path path, String hint) {
        condition(Files.isExecutable(path), path + " is not installed (" + hint + ")");
    }

    public static void condition(boolean met, String reason) {
        if (met) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + "; under CI=true this test must run");
        }
        Assumptions.abort(reason);
    }
}
