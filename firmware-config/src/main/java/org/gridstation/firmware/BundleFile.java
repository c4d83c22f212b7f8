package org.gridstation.firmware;

/**
 * One generated file of a station bundle.
 *
 * @param path its path inside the bundle, with {@code /} separators
 * @param content its text (UTF-8, LF line ends)
 * @param executable whether it is written with the execute bits
 * @param secret whether it holds a credential (written owner-read/write only)
 */
public record BundleFile(String path, String content, boolean executable, boolean secret) {
    public BundleFile {
        if (path == null || path.isBlank() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
            throw new IllegalArgumentException("a bundle path must be relative and stay inside the bundle: " + path);
        }
        if (content == null) {
            throw new IllegalArgumentException("content is required");
        }
    }
}
