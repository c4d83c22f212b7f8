package org.gridstation.cli;

import java.time.Duration;
import org.gridstation.kiosk.KioskApp;

/** Helpers to reach a kiosk started in the test JVM. */
final class KioskProbe {
    private KioskProbe() {
    }

    static String url(KioskApp kiosk) {
        return "http://127.0.0.1:" + kiosk.httpPort();
    }

    /** Waits until the kiosk is connected and holds the town's badge keys. */
    static void awaitReady(KioskApp kiosk, Duration timeout) throws Exception {
        String url = url(kiosk);
        Await.until("kiosk connected with badge keys", timeout, () -> {
            var state = TestHttp.get(url + "/api/v1/state").json();
            return kiosk.connected() && state.path("keys").asInt(0) > 0;
        });
    }
}
