package org.gridstation.kiosk.printer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.gridstation.kiosk.downlink.TownState;
import org.gridstation.kiosk.request.Ticket;
import org.gridstation.kiosk.wall.PublicLinks;
import org.gridstation.protocol.downlink.StationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints a ticket's receipt on the ESC/POS printer at {@code device} (e.g. {@code /dev/usb/lp0}),
 * one at a time on its own thread: a printer out of paper can block a write for a long time, and
 * the villager's ticket must not wait for it. Failures are logged and counted.
 */
public final class ReceiptPrinter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReceiptPrinter.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Path device;
    private final String stationId;
    private final TownState town;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kiosk-printer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong printed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public ReceiptPrinter(Path device, String stationId, TownState town, Clock clock) {
        this.device = device;
        this.stationId = stationId;
        this.town = town;
        this.clock = clock;
    }

    /** Prints the receipt of {@code t}; completes with whether the printer took it. Never throws. */
    public CompletableFuture<Boolean> print(Ticket t) {
        EscPosReceipt receipt = receipt(t);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        try {
            worker.execute(() -> done.complete(write(receipt.bytes(), t.ticket())));
        } catch (RejectedExecutionException e) {
            done.complete(false);
        }
        return done;
    }

    EscPosReceipt receipt(Ticket t) {
        String name = town.config().map(StationConfig::name).orElse(stationId);
        PublicLinks links = new PublicLinks(stationId, town.config().flatMap(StationConfig::publicUrl));
        return new EscPosReceipt(name, t.ticket(), t.category().zh(), t.severity().zh(),
                TIME.format(clock.instant().atZone(town.zone())), links.ticketPage(t.ticket()));
    }

    private boolean write(byte[] bytes, String ticket) {
        // never CREATE: an unplugged printer must not leave a regular file where its device was
        try (OutputStream out = Files.newOutputStream(device, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            out.write(bytes);
            out.flush();
            printed.incrementAndGet();
            log.info("receipt of ticket {} sent to {}", ticket, device);
            return true;
        } catch (IOException | RuntimeException e) {
            failures.incrementAndGet();
            log.warn("cannot print the receipt of ticket {} on {}: {}", ticket, device, e.toString());
            return false;
        }
    }

    /** Receipts the printer took since start. */
    public long printedCount() {
        return printed.get();
    }

    /** Receipts that could not be printed since start. */
    public long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
