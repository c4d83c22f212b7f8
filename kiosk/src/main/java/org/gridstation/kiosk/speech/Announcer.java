package org.gridstation.kiosk.speech;

import org.gridstation.kiosk.badge.ScanResult;
import org.gridstation.protocol.badge.RefusalReason;

/** What the kiosk says, always in Mandarin: the result of a scan and a new ticket's number. */
public final class Announcer {
    private final CommandSpeaker speaker;
    private final java.util.function.BooleanSupplier enabled;

    /** Always speaking. */
    public Announcer(CommandSpeaker speaker) {
        this(speaker, () -> true);
    }

    /** Speaking while {@code enabled} says so (the station's setting, which the town may change). */
    public Announcer(CommandSpeaker speaker, java.util.function.BooleanSupplier enabled) {
        this.speaker = speaker;
        this.enabled = enabled;
    }

    /** Says the scan result, e.g. 签到成功，张伟 or 证件无效，证件已过期. */
    public void scanned(ScanResult result) {
        if (enabled.getAsBoolean()) {
            speaker.say(prompt(result));
        }
    }

    /** Says the ticket number; the station prefix is left out, as on the kiosk's keypad. */
    public void ticketFiled(String ticket) {
        if (enabled.getAsBoolean()) {
            speaker.say(prompt(ticket));
        }
    }

    static String prompt(ScanResult r) {
        switch (r.action()) {
            case ScanResult.IN:
                return "签到成功，" + r.name().orElse("");
            case ScanResult.OUT:
                return "签退成功，" + r.name().orElse("");
            default:
                String why;
                try {
                    why = RefusalReason.of(r.refusal().orElse("")).zh();
                } catch (IllegalArgumentException e) {
                    why = "请重新扫码";
                }
                return "证件无效，" + why;
        }
    }

    static String prompt(String ticket) {
        int dash = ticket.lastIndexOf('-');
        String number = dash >= 0 ? ticket.substring(dash + 1) : ticket;
        return "已受理。您的受理编号是 " + number + " 号，请记下编号。";
    }
}
