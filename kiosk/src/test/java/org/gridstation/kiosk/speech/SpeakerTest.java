package org.gridstation.kiosk.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.gridstation.kiosk.badge.ScanResult;
import org.junit.jupiter.api.Test;

class SpeakerTest {
    @Test
    void prompts_areMandarin_andTheTicketNumberLeavesOutTheStationPrefix() {
        assertEquals("签到成功，张伟", Announcer.prompt(new ScanResult(true, "in", "张伟 已签到", Optional.empty(),
                Optional.of("p-017"), Optional.of("张伟"), Optional.of(true))));
        assertEquals("签退成功，张伟", Announcer.prompt(new ScanResult(true, "out", "Zhang Wei checked out",
                Optional.empty(), Optional.of("p-017"), Optional.of("张伟"), Optional.empty())));
        assertEquals("证件无效，工作证已吊销，请联系管理员", Announcer.prompt(new ScanResult(false, "refused", "Badge revoked",
                Optional.of("revoked"), Optional.empty(), Optional.empty(), Optional.empty())));
        assertEquals("已受理。您的受理编号是 12 号，请记下编号。", Announcer.prompt("hexing-12"));
    }

    @Test
    void anEngineThatFailsOrIsMissing_isCounted_andTheKioskCarriesOn() throws Exception {
        try (CommandSpeaker failing = new CommandSpeaker(List.of("false"))) {
            assertFalse(failing.say("你好").get(30, TimeUnit.SECONDS));
            assertEquals(1, failing.failures());
        }
        try (CommandSpeaker missing = new CommandSpeaker(List.of("/nonexistent/espeak-ng", "-v", "cmn"))) {
            assertFalse(missing.say("你好").get(30, TimeUnit.SECONDS));
            assertEquals(1, missing.failures());
        }
        try (CommandSpeaker ok = new CommandSpeaker(List.of("true"))) {
            assertTrue(ok.say("你好").get(30, TimeUnit.SECONDS));
            assertEquals(0, ok.failures());
        }
    }

    @Test
    void promptsPilingUpBehindASlowEngine_areDropped_notQueuedForever() throws Exception {
        try (CommandSpeaker slow = new CommandSpeaker(List.of("sleep", "1"))) {
            var first = slow.say("1");
            for (int i = 0; i < 5; i++) {
                slow.say("more");
            }
            assertTrue(slow.dropped() >= 2, "dropped " + slow.dropped());
            assertTrue(first.get(30, TimeUnit.SECONDS));
        }
    }
}
