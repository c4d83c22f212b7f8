package org.gridstation.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridstation.kiosk.KioskConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code install.sh --root SCRATCH} on a scratch root that looks like a fresh Raspberry Pi OS
 * (passwd/group/shadow with a desktop user {@code pi}, a stock config.txt): it installs
 * everything, and a second run changes nothing (same checksum, mode and owner listing). Needs
 * root (it creates the user through {@code useradd --prefix} and chowns), bash, useradd and
 * systemctl ({@code systemctl --root} enables the unit offline).
 */
class InstallScriptIT {
    private static final String STOCK_CONFIG_TXT = """
            # For more options and information see
            # http://rptl.io/configtxt
            dtparam=audio=on
            camera_auto_detect=1
            display_auto_detect=1
            [all]
            """;

    @TempDir
    Path tmp;
    private Path root;
    private Path bundle;

    @BeforeEach
    void scratchRootAndBundle() throws IOException {
        Needs.root();
        for (String tool : List.of("/bin/bash", "/usr/sbin/useradd", "/usr/sbin/groupadd", "/usr/bin/systemctl")) {
            Needs.executable(tool);
        }
        root = Files.createDirectories(tmp.resolve("root"));
        write("etc/passwd", "root:x:0:0:root:/root:/bin/bash\npi:x:1000:1000:,,,:/home/pi:/bin/bash\n");
        write("etc/group", "root:x:0:\npi:x:1000:\n");
        write("etc/shadow", "root:*:19000:0:99999:7:::\npi:*:19000:0:99999:7:::\n");
        write("etc/gshadow", "root:*::\npi:!::\n");
        write("boot/firmware/config.txt", STOCK_CONFIG_TXT);
        Files.createDirectories(root.resolve("home/pi"));
        Files.setAttribute(root.resolve("home/pi"), "unix:uid", 1000);
        Files.setAttribute(root.resolve("home/pi"), "unix:gid", 1000);
        bundle = tmp.resolve("bundle");
        Fixtures.fixedGenerator().write(Fixtures.spec(Board.PI4), bundle);
    }

    @Test
    void dryRun_changesNothing() throws Exception {
        String before = listing();

        Processes.Result r = install("--dry-run");

        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("would run: useradd"), r.output());
        assertEquals(before, listing());
    }

    @Test
    void install_placesEveryFile_createsTheUser_andEnablesTheUnit() throws Exception {
        Processes.Result r = install();

        assertEquals(0, r.exitCode(), r.output());
        assertTrue(read("etc/passwd").contains("\ngridstation:x:"), read("etc/passwd"));
        assertTrue(read("etc/group").lines().anyMatch(l -> l.startsWith("gpio:") && l.endsWith(":gridstation")));
        KioskConfig config = KioskConfig.load(root.resolve("etc/gridstation/kiosk.properties"));
        assertEquals("qingxi-hexing", config.stationId());
        assertEquals(read("etc/systemd/system/gridstation-kiosk.service"), Files.readString(bundle.resolve("gridstation-kiosk.service")));
        assertTrue(Files.isSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/gridstation-kiosk.service")));
        assertTrue(Files.isExecutable(root.resolve("opt/gridstation/bin/gs-watchdog")));
        assertTrue(Files.isRegularFile(root.resolve("var/lib/gridstation/downlink/keys.json")));
        assertTrue(Files.isRegularFile(root.resolve("home/pi/.config/labwc/autostart")));
        String configTxt = read("boot/firmware/config.txt");
        assertTrue(configTxt.startsWith(STOCK_CONFIG_TXT), configTxt);
        assertTrue(configTxt.contains("# >>> gridstation >>>") && configTxt.contains("gpio=17=op,dl\n")
                && configTxt.endsWith("# <<< gridstation <<<\n"), configTxt);
    }

    @Test
    void secondRun_changesNothing() throws Exception {
        assertEquals(0, install().exitCode());
        String afterFirst = listing();

        Processes.Result second = install();

        assertEquals(0, second.exitCode(), second.output());
        assertEquals(afterFirst, listing());
        assertTrue(second.output().contains("nothing to change"), second.output());
        assertFalse(second.output().contains("installed"), second.output());
    }

    @Test
    void newBundle_replacesTheConfigTxtBlock_insteadOfAddingASecondOne() throws Exception {
        assertEquals(0, install().exitCode());
        Fixtures.fixedGenerator().write(Fixtures.spec(Board.PI5), bundle);

        assertEquals(0, install().exitCode());

        String configTxt = read("boot/firmware/config.txt");
        assertEquals(1, configTxt.split("# >>> gridstation >>>", -1).length - 1, configTxt);
        assertTrue(configTxt.contains("[pi5]") && !configTxt.contains("[pi4]"), configTxt);
    }

    private Processes.Result install(String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/bin/bash", bundle.resolve("install.sh").toString(),
                "--root", root.toString()));
        cmd.addAll(List.of(extra));
        return Processes.run(tmp, cmd);
    }

    /** Every path under the scratch root with its mode, owner, group, symlink target and SHA-256. */
    private String listing() throws Exception {
        Processes.Result r = Processes.run(root, List.of("/bin/bash", "-c",
                "find . -printf '%p %m %U %G %l\\n' | LC_ALL=C sort; find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum"));
        assertEquals(0, r.exitCode(), r.output());
        return r.output();
    }

    private void write(String path, String content) throws IOException {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private String read(String path) throws IOException {
        return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
    }
}
