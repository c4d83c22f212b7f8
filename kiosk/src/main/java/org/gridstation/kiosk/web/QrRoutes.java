package org.gridstation.kiosk.web;

import io.javalin.http.Context;
import org.gridstation.kiosk.downlink.TownState;
import org.gridstation.kiosk.wall.PublicLinks;
import org.gridstation.kiosk.wall.QrSvg;
import org.gridstation.protocol.downlink.StationConfig;

/**
 * {@code GET /api/v1/qr.svg?text=…}: the QR code of the station's public page or of one of its
 * tickets' tracking pages, as SVG. Any other text is a 404: the kiosk is no open QR generator.
 */
final class QrRoutes {
    private final String stationId;
    private final TownState town;

    QrRoutes(String stationId, TownState town) {
        this.stationId = stationId;
        this.town = town;
    }

    void svg(Context ctx) {
        String text = ctx.queryParam("text");
        PublicLinks links = links(stationId, town);
        if (!links.allows(text)) {
            throw new NotFound("没有这个二维码", "No such QR code");
        }
        ctx.header("Cache-Control", "max-age=3600").contentType("image/svg+xml").result(QrSvg.render(text));
    }

    static PublicLinks links(String stationId, TownState town) {
        return new PublicLinks(stationId, town.config().flatMap(StationConfig::publicUrl));
    }
}
