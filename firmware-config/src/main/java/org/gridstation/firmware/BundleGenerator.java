package org.gridstation.firmware;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridstation.firmware.mosquitto.MosquittoPassword;
import org.gridstation.firmware.mosquitto.StationAcl;
import org.gridstation.firmware.pins.PinMap;
import org.gridstation.protocol.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one station's bundle: its kiosk config, a fresh MQTT credential with the matching
 * Mosquitto password line and ACL, the town's badge keys, the systemd unit and its watchdog
 * helper, the labwc autostart, the {@code config.txt} fragment and {@code install.sh}.
 *
 * <p>The random source makes the password and the hash salt; production passes a
 * {@link java.security.SecureRandom}, tests a seeded one for byte-identical output.
 */
public final class BundleGenerator {
    /** Length of the generated MQTT password (alphanumeric, about 143 bits). */
    public static final int PASSWORD_LENGTH = 24;
    private static final Logger log = LoggerFactory.getLogger(BundleGenerator.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Random random;
    private final Templates templates = new Templates(BundleGenerator.class.getClassLoader());

    /** The town's root certificate in the bundle, installed beside kiosk.properties. */
    public static final String CA_FILE = "ca.crt";

    public BundleGenerator(Random random) {
        this.random = random;
    }

    /** Makes the bundle in memory. */
    public Bundle generate(StationSpec spec) {
        String username = StationAcl.username(spec.stationId());
        String password = password();
        PinMap pins = PinMap.load("pins/" + spec.board().wire() + ".properties");
        Map<String, String> values = values(spec, pins, username, password);
        List<BundleFile> files = new ArrayList<>();
        for (Templates.Template t : templates.forBoard(spec.board())) {
            String text = Templates.render(spec.board().wire() + "/" + t.path(), t.text(), values);
            files.add(new BundleFile(t.path(), text, t.executable(), isSecret(t.path())));
        }
        files.add(new BundleFile("keys.json", keysJson(spec), false, false));
        spec.townCa().ifPresent(pem -> files.add(new BundleFile(CA_FILE, pem, false, false)));
        return new Bundle(spec, username, files);
    }

    /**
     * Makes the bundle and writes it into {@code dir} (created if missing; existing files of the
     * same names are replaced). Credential files are owner-only where the file system allows.
     */
    public Bundle write(StationSpec spec, Path dir) {
        Bundle bundle = generate(spec);
        try {
            Files.createDirectories(dir);
            for (BundleFile f : bundle.files()) {
                Path target = dir.resolve(f.path());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.content(), StandardCharsets.UTF_8);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    String mode = f.secret() ? "rw-------" : f.executable() ? "rwxr-xr-x" : "rw-r--r--";
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle into " + dir, e);
        }
        log.info("bundle for station {} ({}) written to {}", spec.stationId(), spec.board().wire(), dir);
        return bundle;
    }

    private static String keysJson(StationSpec spec) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(spec.keys()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the public keys", e);
        }
    }

    private static boolean isSecret(String path) {
        return path.equals("kiosk.properties") || path.startsWith("mosquitto/");
    }

    private String password() {
        StringBuilder sb = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private Map<String, String> values(StationSpec spec, PinMap pins, String username, String password) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("stationId", spec.stationId());
        v.put("stationName", spec.stationName());
        v.put("board", spec.board().wire());
        v.put("mqttHost", spec.mqttHost());
        v.put("mqttPort", Integer.toString(spec.mqttPort()));
        v.put("mqttUri", spec.mqttUri());
        v.put("mqttUsername", username);
        v.put("mqttPassword", password);
        v.put("mqttCaLine", spec.townCa().isPresent() ? "mqtt.ca=" + CA_FILE
                : "# mqtt.ca: none, the gateway's broker was provisioned without TLS");
        v.put("mosquittoPasswordLine", MosquittoPassword.line(username, password, random));
        v.put("mosquittoAcl", StationAcl.stanza(spec.stationId()));
        v.put("zone", spec.zone().getId());
        v.put("rotation", Integer.toString(spec.rotation()));
        v.put("wlrTransform", spec.rotation() == 0 ? "normal" : Integer.toString(spec.rotation()));
        v.put("touchOverlay", spec.rotation() == 180 ? "dtoverlay=vc4-kms-dsi-7inch,invx,invy"
                : "# (rotation 0: the touchscreen is auto-detected, no overlay needed)");
        for (PinMap.Device d : PinMap.Device.values()) {
            String name = Character.toUpperCase(d.key().charAt(0)) + d.key().substring(1);
            v.put("gpio" + name, Integer.toString(pins.bcm(d)));
            v.put("pin" + name, Integer.toString(pins.physical(d)));
        }
        return v;
    }
}
