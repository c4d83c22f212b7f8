package org.gridstation.firmware;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundle's templates on the classpath: {@code templates/common/} plus one overlay folder per
 * board (and {@code templates/gateway/} for the gateway's own files), each listing its files in a {@code FILES} index ({@code path} or {@code path +x} per
 * line). An overlay file replaces the common file of the same path or adds a new one.
 *
 * <p>Substitution is {@code ${name}} only; an unknown name, or a {@code ${} that does not close
 * as a name, is an error. {@code $${} writes a literal {@code ${}.
 */
final class Templates {
    private static final String ROOT = "templates/";
    private static final Pattern TOKEN = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z][A-Za-z0-9]*)}|\\$\\{");

    /** One template: its path in the bundle, whether it is executable, and its raw text. */
    record Template(String path, boolean executable, String text) {
    }

    private final ClassLoader loader;

    Templates(ClassLoader loader) {
        this.loader = loader;
    }

    /** The templates for {@code board}, common first, overlays applied, in index order. */
    List<Template> forBoard(Board board) {
        return folders("common", board.wire());
    }

    /** The templates of {@code folders} in order, a later folder's file replacing an earlier one's. */
    List<Template> folders(String... folders) {
        Map<String, Template> files = new LinkedHashMap<>();
        for (String folder : folders) {
            for (String line : read(ROOT + folder + "/FILES").split("\n")) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                String[] parts = entry.split("\\s+");
                boolean executable = parts.length > 1 && parts[1].equals("+x");
                files.put(parts[0], new Template(parts[0], executable, read(ROOT + folder + "/" + parts[0])));
            }
        }
        return List.copyOf(files.values());
    }

    /** Replaces every {@code ${name}} in {@code text} from {@code values}. */
    static String render(String name, String text, Map<String, String> values) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (m.find()) {
            String token = m.group();
            String replacement;
            if (token.equals("$${")) {
                replacement = "${";
            } else if (m.group(1) == null) {
                throw new IllegalArgumentException("template " + name + ": '${' at offset " + m.start()
                        + " is not a placeholder (write $${ for a literal)");
            } else {
                replacement = values.get(m.group(1));
                if (replacement == null) {
                    throw new IllegalArgumentException("template " + name + ": unknown placeholder ${" + m.group(1) + "}");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String read(String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("template resource " + resource + " is missing from the classpath");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) >= 0) {
                sb.append(buf, 0, n);
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
