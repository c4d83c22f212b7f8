package org.gridstation.gateway.importer;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file as the towns' spreadsheets write it: UTF-8 with or without a byte-order mark, or GBK
 * (what Chinese Excel writes by default); comma-separated, fields optionally in double quotes
 * (with {@code ""} for a quote, and line breaks allowed inside quotes). Each record keeps the line
 * number it starts on, for error reports.
 */
public final class CsvFile {
    /** One record and the 1-based line it starts on. */
    public record Row(int line, List<String> fields) {
    }

    private final String charset;
    private final List<Row> rows;

    private CsvFile(String charset, List<Row> rows) {
        this.charset = charset;
        this.rows = rows;
    }

    /** The encoding it was read as: {@code UTF-8} or {@code GBK}. */
    public String charset() {
        return charset;
    }

    /** Every non-blank record, the header first. */
    public List<Row> rows() {
        return rows;
    }

    /** Decodes and parses {@code bytes}; an unterminated quote is an {@link IllegalArgumentException}. */
    public static CsvFile parse(byte[] bytes) {
        int offset = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        String text;
        String charset;
        try {
            text = decode(bytes, offset, StandardCharsets.UTF_8);
            charset = "UTF-8";
        } catch (CharacterCodingException e) {
            try {
                text = decode(bytes, offset, Charset.forName("GBK"));
                charset = "GBK";
            } catch (CharacterCodingException e2) {
                throw new IllegalArgumentException("the file is neither UTF-8 nor GBK text");
            }
        }
        return new CsvFile(charset, records(text));
    }

    private static String decode(byte[] bytes, int offset, Charset cs) throws CharacterCodingException {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
    }

    private static List<Row> records(String text) {
        List<Row> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int start = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString().strip());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString().strip());
                field.setLength(0);
                add(out, start, fields);
                fields = new ArrayList<>();
                line++;
                start = line;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("line " + start + ": a quoted field is not closed");
        }
        fields.add(field.toString().strip());
        add(out, start, fields);
        return out;
    }

    private static void add(List<Row> out, int line, List<String> fields) {
        if (fields.stream().anyMatch(f -> !f.isEmpty())) {
            out.add(new Row(line, List.copyOf(fields)));
        }
    }
}
