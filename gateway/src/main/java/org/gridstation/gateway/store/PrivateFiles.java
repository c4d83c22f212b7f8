package org.gridstation.gateway.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Secrets in the gateway's data directory (signing keys, the one-time admin password, the MQTT
 * internal credential, the town's TLS keys): files created owner-only before anything is written
 * to them, so a secret is never briefly readable, in folders only the owner may enter. Where the
 * file system has no POSIX permissions, plain files and folders.
 */
public final class PrivateFiles {
    private PrivateFiles() {
    }

    /** Creates {@code file} empty with mode 0600, replacing one that exists. */
    public static void create(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    /** Creates {@code dir} if missing and sets it to mode 0700. */
    public static void directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (posix()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
