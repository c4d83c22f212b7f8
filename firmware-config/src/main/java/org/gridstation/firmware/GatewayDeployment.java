package org.gridstation.firmware;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gateway's own deployment files, from {@code templates/gateway/}: its systemd unit and a
 * Mosquitto 2 configuration with a password-free listener on 127.0.0.1 for the gateway and an
 * authenticated listener with the stations' ACLs for the town network.
 *
 * @param dataDir the gateway's {@code data.dir}
 * @param httpPort the gateway's HTTP port ({@code /healthz} feeds the watchdog)
 * @param heapMb the JVM's maximum heap in MiB
 * @param localPort the Mosquitto listener the gateway uses, on 127.0.0.1
 * @param stationPort the Mosquitto listener the stations use
 * @param passwordFile the Mosquitto password file the stations' lines are appended to
 * @param aclFile the Mosquitto ACL file the stations' stanzas are appended to
 * @param stationTlsPort the Mosquitto listener the stations use over TLS
 * @param tlsDir where Mosquitto reads the gateway's {@code gateway.crt} and {@code gateway.key} (copies
 *     of {@code <data>/tls/}, readable by the mosquitto user)
 */
public record GatewayDeployment(String dataDir, int httpPort, int heapMb, int localPort, int stationPort,
        String passwordFile, String aclFile, int stationTlsPort, String tlsDir) {
    public GatewayDeployment {
        requireAbsolute(dataDir, "dataDir");
        requirePort(httpPort, "httpPort");
        requirePort(localPort, "localPort");
        requirePort(stationPort, "stationPort");
        if (localPort == stationPort) {
            throw new IllegalArgumentException("localPort and stationPort must differ");
        }
        if (heapMb < 64 || heapMb > 65536) {
            throw new IllegalArgumentException("heapMb must be 64-65536, was " + heapMb);
        }
        requireAbsolute(passwordFile, "passwordFile");
        requireAbsolute(aclFile, "aclFile");
        requirePort(stationTlsPort, "stationTlsPort");
        if (stationTlsPort == localPort || stationTlsPort == stationPort) {
            throw new IllegalArgumentException("stationTlsPort must differ from localPort and stationPort");
        }
        requireAbsolute(tlsDir, "tlsDir");
    }

    /**
     * The usual layout: data in /var/lib/gridstation-gateway, HTTP 8080, Mosquitto 1884 local, 1883
     * for stations and 8883 for stations over TLS.
     */
    public static GatewayDeployment defaults() {
        return new GatewayDeployment("/var/lib/gridstation-gateway", 8080, 512, 1884, 1883,
                "/etc/mosquitto/gridstation/passwd", "/etc/mosquitto/gridstation/acl", 8883, "/etc/mosquitto/gridstation/tls");
    }

    /** Renders the files; paths are relative, with {@code /} separators. */
    public List<BundleFile> files() {
        Map<String, String> values = Map.of("dataDir", dataDir, "httpPort", Integer.toString(httpPort),
                "heapMb", Integer.toString(heapMb), "localPort", Integer.toString(localPort),
                "stationPort", Integer.toString(stationPort), "passwordFile", passwordFile, "aclFile", aclFile,
                "stationTlsPort", Integer.toString(stationTlsPort), "tlsDir", tlsDir);
        List<BundleFile> out = new ArrayList<>();
        for (Templates.Template t : new Templates(GatewayDeployment.class.getClassLoader()).folders("gateway")) {
            out.add(new BundleFile(t.path(), Templates.render("gateway/" + t.path(), t.text(), values), t.executable(), false));
        }
        return List.copyOf(out);
    }

    private static void requireAbsolute(String path, String what) {
        if (path == null || !path.startsWith("/") || path.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
                || path.contains("${")) {
            throw new IllegalArgumentException(what + " must be an absolute path without spaces, was '" + path + "'");
        }
    }

    private static void requirePort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 1-65535, was " + port);
        }
    }
}
