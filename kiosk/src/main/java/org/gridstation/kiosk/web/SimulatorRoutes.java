package org.gridstation.kiosk.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.gridstation.kiosk.camera.CameraDesk;
import org.gridstation.kiosk.camera.CameraEvent;
import org.gridstation.kiosk.camera.QrDecoder;
import org.gridstation.kiosk.hardware.SimulatedHardware;
import org.gridstation.kiosk.request.InvalidFieldException;

/**
 * The simulator (simulated hardware only; 404 on a real station): {@code GET /simulator} its page,
 * {@code /api/v1/simulator} the simulated lamp and buzzer, a button to press, and a camera that
 * scans image files.
 */
final class SimulatorRoutes {
    private static final String PAGE = "/kiosk-sim/simulator.html";

    private final Optional<SimulatedHardware> hardware;
    private final CameraDesk camera;
    private final QrDecoder decoder = new QrDecoder();

    SimulatorRoutes(Optional<SimulatedHardware> hardware, CameraDesk camera) {
        this.hardware = hardware;
        this.camera = camera;
    }

    void page(Context ctx) throws IOException {
        require();
        try (InputStream in = SimulatorRoutes.class.getResourceAsStream(PAGE)) {
            ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
        }
    }

    /**
     * {@code POST /api/v1/simulator/scan-image}: the camera sees this image (PNG, JPEG …). Its QR
     * code goes where a real camera's goes ({@link CameraDesk}), so the touch page shows it too.
     * Answers a badge's scan result (as {@code POST /api/v1/scan}) or a ticket's camera event; the
     * same code again within a few seconds is not scanned again and answers what it gave before.
     */
    void scanImage(Context ctx) {
        require();
        String text = decoder.decode(ctx.bodyAsBytes()).orElseThrow(() -> new InvalidFieldException("body",
                "图片中没有找到可识别的二维码", "No readable QR code in the image"));
        CameraEvent event = camera.seen(text).orElseThrow(() -> new InvalidFieldException("body",
                "这个二维码刚刚扫过，请过几秒再扫", "This code was just scanned; scan it again in a few seconds"));
        CameraRoutes.CameraView view = CameraRoutes.CameraView.of(event, Lang.of(ctx));
        if (view.result().isPresent()) {
            ctx.json(view.result().get());
        } else {
            ctx.json(view);
        }
    }

    /**
     * The simulated devices.
     *
     * @param lampOn whether the duty lamp is on
     * @param beeps beeps sounded since start
     * @param emergencyPresses emergency presses since start
     * @param motions motion sensor triggers since start
     */
    record SimulatorState(boolean lampOn, long beeps, long emergencyPresses, long motions) {
        static SimulatorState of(SimulatedHardware hw) {
            return new SimulatorState(hw.isOn(), hw.beepCount(), hw.pressCount(), hw.motionCount());
        }
    }

    void state(Context ctx) {
        ctx.json(SimulatorState.of(require()));
    }

    void pressEmergency(Context ctx) {
        SimulatedHardware hw = require();
        hw.pressEmergency();
        ctx.status(HttpStatus.ACCEPTED).json(SimulatorState.of(hw));
    }

    /** {@code POST /api/v1/simulator/motion}: someone walks past the motion sensor. */
    void triggerMotion(Context ctx) {
        SimulatedHardware hw = require();
        hw.triggerMotion();
        ctx.status(HttpStatus.ACCEPTED).json(SimulatorState.of(hw));
    }

    private SimulatedHardware require() {
        return hardware.orElseThrow(() -> new NotFound("此站点使用真实硬件，无模拟器", "This station runs real hardware; there is no simulator"));
    }
}
