package org.gridstation.protocol.badge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.gridstation.protocol.Labelled;

/** Why a scanned badge was refused. The labels are what the kiosk shows. */
public enum RefusalReason implements Labelled {
    MALFORMED("malformed", "无法识别的二维码，请出示网格工作证", "Not a GridStation badge"),
    UNKNOWN_KEY("unknown-key", "工作证签发密钥未知，请联系管理员", "Badge signed with an unknown key"),
    BAD_SIGNATURE("bad-signature", "工作证签名无效（伪造或被篡改）", "Badge signature invalid (forged or altered)"),
    EXPIRED("expired", "工作证已过期，请联系管理员换证", "Badge has expired"),
    NOT_YET_VALID("not-yet-valid", "工作证尚未生效", "Badge is not yet valid"),
    REVOKED("revoked", "工作证已吊销，请联系管理员", "Badge has been revoked"),
    ON_DUTY_ELSEWHERE("on-duty-elsewhere", "该工作证已在其他站点签到", "Badge is already checked in at another station");

    private final String wire;
    private final String zh;
    private final String en;

    RefusalReason(String wire, String zh, String en) {
        this.wire = wire;
        this.zh = zh;
        this.en = en;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }

    /** The constant with this wire name. */
    @JsonCreator
    public static RefusalReason of(String wire) {
        return Labelled.fromWire(RefusalReason.class, wire);
    }
}
