package org.gridstation.firmware;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Integration-test preconditions: skipped with the reason when missing, a failure under {@code CI=true}. */
public final class Needs {
    private Needs() {
    }

    public static void executable(String path) {
        condition(Files.isExecutable(Path.of(path)), path + " is not installed");
    }

    public static void root() {
        condition("root".equals(System.getProperty("user.name")), "this test creates users and chowns files: it needs root");
    }

    public static void condition(boolean met, String reason) {
        if (met) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + "; under CI=true this integration test must run");
        }
        Assumptions.abort(reason);
    }
}
