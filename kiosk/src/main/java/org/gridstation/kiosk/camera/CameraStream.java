package org.gridstation.kiosk.camera;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The camera on a Pi: runs the configured capture command ({@code camera.command}), which writes
 * an MJPEG stream to its standard output, e.g.
 * {@code rpicam-vid -t 0 -n --codec mjpeg --width 640 --height 480 --framerate 5 -o -} (Pi camera)
 * or {@code ffmpeg -loglevel error -f v4l2 -i /dev/video0 -vf fps=5 -f mjpeg -} (USB webcam).
 * One thread reads the stream and splits it into frames ({@link MjpegSplitter}); one more decodes
 * them with {@link QrDecoder} and hands each text read to the consumer (the {@link CameraDesk}).
 * While the decoder is busy only the newest frame waits; older ones are dropped, so a slow Pi
 * falls behind by one frame at most. If the command exits (camera unplugged, program missing) it
 * is started again after a back-off that doubles up to a limit and starts small again after a run
 * that lasted. Exits are logged at most once a minute at WARN with the last line the command wrote
 * to its error output; the counters say the rest.
 */
public final class CameraStream implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraStream.class);
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** A run this long resets the back-off. */
    static final Duration STEADY_RUN = Duration.ofSeconds(60);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final List<String> command;
    private final QrDecoder decoder;
    private final Consumer<String> onText;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final BlockingQueue<byte[]> waiting = new ArrayBlockingQueue<>(1);
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong decoded = new AtomicLong();
    private final AtomicLong codes = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final Thread reader;
    private final Thread decoding;
    private volatile boolean running = true;
    private volatile Process process;
    private long lastWarnNanos;
    private boolean warnedOnce;

    /**
     * @param command the capture command and its arguments (no shell)
     * @param onText gets each text read in a frame, on the decoding thread
     */
    public CameraStream(List<String> command, QrDecoder decoder, Consumer<String> onText) {
        this(command, decoder, onText, DEFAULT_FIRST_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public CameraStream(List<String> command, QrDecoder decoder, Consumer<String> onText, Duration firstBackoff,
            Duration maxBackoff) {
        this.command = List.copyOf(command);
        if (this.command.isEmpty() || this.command.get(0).isBlank()) {
            throw new IllegalArgumentException("camera.command must name a program");
        }
        this.decoder = decoder;
        this.onText = onText;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.reader = new Thread(this::readLoop, "kiosk-camera");
        this.decoding = new Thread(this::decodeLoop, "kiosk-camera-decode");
        reader.setDaemon(true);
        decoding.setDaemon(true);
    }

    /** Starts the command and the two threads. */
    public CameraStream start() {
        log.info("camera: {}", String.join(" ", command));
        decoding.start();
        reader.start();
        return this;
    }

    /**
     * The counters since start.
     *
     * @param frames whole frames read from the command
     * @param dropped frames dropped unread because the decoder was busy
     * @param decoded frames the decoder looked at
     * @param codes frames in which it read a QR code
     * @param restarts times the command exited or failed to start, each followed by a restart after the back-off
     */
    public record Stats(long frames, long dropped, long decoded, long codes, long restarts) {
    }

    public Stats stats() {
        return new Stats(frames.get(), dropped.get(), decoded.get(), codes.get(), restarts.get());
    }

    private void readLoop() {
        Duration backoff = firstBackoff;
        while (running) {
            long started = System.nanoTime();
            String why = run();
            if (!running) {
                return;
            }
            Duration lasted = Duration.ofNanos(System.nanoTime() - started);
            if (lasted.compareTo(STEADY_RUN) >= 0) {
                backoff = firstBackoff;
            }
            long n = restarts.incrementAndGet();
            exited(why, lasted, n, backoff);
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    /** Runs the command once, until its output ends; says why it ended. */
    private String run() {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            return "cannot start " + command.get(0) + ": " + e.getMessage();
        }
        process = p;
        StderrTail tail = new StderrTail(p.getErrorStream());
        tail.start();
        long before = frames.get();
        try (InputStream out = p.getInputStream()) {
            MjpegSplitter splitter = new MjpegSplitter(out);
            byte[] frame;
            while (running && (frame = splitter.next()) != null) {
                frames.incrementAndGet();
                if (waiting.poll() != null) {
                    dropped.incrementAndGet();
                }
                if (!waiting.offer(frame)) {
                    dropped.incrementAndGet(); // the decoder took the slot and another frame came first
                }
            }
        } catch (IOException e) {
            if (running) {
                log.debug("camera: reading the stream failed: {}", e.toString());
            }
        }
        stop(p);
        String exit = p.isAlive() ? "still running" : "exited with " + p.exitValue();
        return exit + " after " + (frames.get() - before) + " frame(s)" + tail.last().map(l -> ": " + l).orElse("");
    }

    private void exited(String why, Duration lasted, long n, Duration backoff) {
        long now = System.nanoTime();
        String message = "camera command " + why + " (ran " + lasted.toMillis() + " ms); restart " + n + " in "
                + backoff.toMillis() + " ms; " + stats();
        if (!warnedOnce || now - lastWarnNanos >= WARN_EVERY_NANOS) {
            warnedOnce = true;
            lastWarnNanos = now;
            log.warn(message);
        } else {
            log.debug(message);
        }
    }

    private void decodeLoop() {
        while (running) {
            byte[] frame;
            try {
                frame = waiting.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (frame == null) {
                continue;
            }
            decoded.incrementAndGet();
            Optional<String> text = decoder.decode(frame);
            if (text.isEmpty() || !running) {
                continue;
            }
            codes.incrementAndGet();
            try {
                onText.accept(text.get());
            } catch (RuntimeException e) {
                log.warn("camera: the scan failed: {}", e.toString()); // not the text: it may be a badge
            }
        }
    }

    /** Ends the command: politely, then by force. */
    private static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the command and both threads. */
    @Override
    public void close() {
        running = false;
        reader.interrupt();
        decoding.interrupt();
        Process p = process;
        try {
            if (p != null) {
                p.destroy(); // ends the reader's stream
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            reader.join(5_000);
            decoding.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p = process; // the reader may have started it again just before it saw running=false
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
        }
        log.info("camera stopped: {}", stats());
    }

    /** Keeps the last line the command wrote to its error output; reads the rest away so it never blocks. */
    private static final class StderrTail extends Thread {
        private final InputStream err;
        private volatile String last;

        StderrTail(InputStream err) {
            super("kiosk-camera-stderr");
            setDaemon(true);
            this.err = err;
        }

        @Override
        public void run() {
            StringBuilder line = new StringBuilder();
            try (InputStreamReader r = new InputStreamReader(err, StandardCharsets.UTF_8)) {
                int c;
                while ((c = r.read()) >= 0) {
                    if (c == '\n' || c == '\r') {
                        if (!line.toString().isBlank()) {
                            last = line.toString().strip();
                        }
                        line.setLength(0);
                    } else if (line.length() < 200) { // a line without end costs no memory
                        line.append((char) c);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            if (!line.toString().isBlank()) {
                last = line.toString().strip();
            }
        }

        Optional<String> last() {
            try {
                join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.ofNullable(last);
        }
    }
}
