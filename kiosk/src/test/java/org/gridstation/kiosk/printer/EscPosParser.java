package org.gridstation.kiosk.printer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ESC/POS byte stream back the way a printer does, for the tests: the text lines (decoded
 * as GB18030), the QR codes stored with {@code GS ( k … 1 P 0}, and whether it ends with a cut.
 * An unknown command is an error, so a stray byte in the stream fails the test.
 */
final class EscPosParser {
    final List<String> lines = new ArrayList<>();
    final List<String> qrCodes = new ArrayList<>();
    int qrPrints;
    boolean cut;
    boolean initialised;
    boolean chineseMode;

    static EscPosParser parse(byte[] b) {
        EscPosParser p = new EscPosParser();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c == 0x1b) {
                int cmd = b[i + 1];
                if (cmd == '@') {
                    p.initialised = true;
                    i += 2;
                } else if (cmd == 'a' || cmd == 'd') {
                    i += 3;
                } else {
                    throw new IllegalArgumentException("unknown ESC command " + cmd + " at " + i);
                }
            } else if (c == 0x1c && b[i + 1] == '&') {
                p.chineseMode = true;
                i += 2;
            } else if (c == 0x1d) {
                int cmd = b[i + 1];
                if (cmd == '!') {
                    i += 3;
                } else if (cmd == 'V') {
                    p.cut = true;
                    i += (b[i + 2] == 65 || b[i + 2] == 66) ? 4 : 3;
                } else if (cmd == '(' && b[i + 2] == 'k') {
                    int n = (b[i + 3] & 0xff) | (b[i + 4] & 0xff) << 8;
                    int cn = b[i + 5];
                    int fn = b[i + 6];
                    if (cn != 49) {
                        throw new IllegalArgumentException("not a QR command at " + i);
                    }
                    if (fn == 80) {
                        p.qrCodes.add(new String(b, i + 8, n - 3, StandardCharsets.US_ASCII));
                    } else if (fn == 81) {
                        p.qrPrints++;
                    }
                    i += 5 + n;
                } else {
                    throw new IllegalArgumentException("unknown GS command " + cmd + " at " + i);
                }
            } else if (c == '\n') {
                if (line.size() > 0) {
                    p.lines.add(line.toString(EscPosReceipt.GB18030));
                }
                line.reset();
                i++;
            } else if (c < 0x20) {
                throw new IllegalArgumentException("unexpected control byte " + c + " at " + i);
            } else {
                line.write(c);
                i++;
            }
        }
        return p;
    }
}
