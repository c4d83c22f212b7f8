package org.gridstation.gateway.badge;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gridstation.protocol.badge.BadgeClaims;

/**
 * Renders a badge as a CR80 card (85.6 × 54 mm at 300 dpi: {@value #WIDTH} × {@value #HEIGHT} px):
 * town and title, name, role, grid, validity, and the QR code (error correction Q) holding the
 * token. Uses an installed font that can show Chinese if there is one; otherwise the text may
 * show as boxes but the QR code, which is what the kiosk reads, is unaffected.
 */
final class BadgeCard {
    static final int WIDTH = 1011;
    static final int HEIGHT = 638;
    private static final String SAMPLE = "网格工作证督导员总网格长志愿者青溪镇";
    private static final List<String> PREFERRED = List.of("WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC",
            "Source Han Sans SC", "WenQuanYi Micro Hei", "AR PL UMing CN", "Droid Sans Fallback");
    private static final Color RED = new Color(0xB7, 0x1C, 0x1C);

    private final String family;

    BadgeCard() {
        this.family = chooseFamily();
    }

    private static String chooseFamily() {
        String[] installed = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
        for (String want : PREFERRED) {
            for (String have : installed) {
                if (have.equalsIgnoreCase(want) && new Font(have, Font.PLAIN, 12).canDisplayUpTo(SAMPLE) < 0) {
                    return have;
                }
            }
        }
        for (String have : installed) {
            if (new Font(have, Font.PLAIN, 12).canDisplayUpTo(SAMPLE) < 0) {
                return have;
            }
        }
        return Font.SANS_SERIF;
    }

    /** The PNG bytes of the card. */
    byte[] render(BadgeClaims claims, String token, String roleLabel, String gridName, String townName, ZoneId zone) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(RED);
            g.fillRect(0, 0, WIDTH, 110);
            g.setColor(Color.WHITE);
            g.setFont(new Font(family, Font.BOLD, 52));
            g.drawString(townName + " 网格工作证", 40, 75);
            drawQr(g, token, 471, 130, 500);
            g.setColor(Color.BLACK);
            g.setFont(new Font(family, Font.BOLD, 84));
            g.drawString(claims.name(), 40, 250);
            g.setColor(RED);
            g.setFont(new Font(family, Font.BOLD, 48));
            g.drawString(roleLabel, 40, 330);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(family, Font.PLAIN, 38));
            g.drawString(gridName, 40, 400);
            g.setFont(new Font(family, Font.PLAIN, 28));
            DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(zone);
            g.drawString("有效期至 " + day.format(claims.expiresAt()), 40, 540);
            g.drawString("编号 " + claims.badgeId(), 40, 585);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode badge card", e);
        }
        return out.toByteArray();
    }

    private static void drawQr(Graphics2D g, String token, int x, int y, int size) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(token, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalStateException("token does not fit a QR code", e);
        }
        g.setColor(Color.WHITE);
        g.fillRect(x, y, m.getWidth(), m.getHeight());
        g.setColor(Color.BLACK);
        for (int row = 0; row < m.getHeight(); row++) {
            for (int col = 0; col < m.getWidth(); col++) {
                if (m.get(col, row)) {
                    g.fillRect(x + col, y + row, 1, 1);
                }
            }
        }
    }
}
