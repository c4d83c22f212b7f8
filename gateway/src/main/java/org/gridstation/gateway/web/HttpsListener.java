package org.gridstation.gateway.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.gridstation.gateway.tls.ServerIdentity;

/**
 * The gateway's HTTPS listener: a second Jetty connector presenting the town's server
 * certificate, TLS 1.2 and 1.3 only. Its port is known once the server has started.
 */
public final class HttpsListener {
    private final String host;
    private final int requestedPort;
    private final ServerIdentity identity;
    private volatile ServerConnector connector;

    /**
     * @param host the bind address
     * @param port the port, 0 for any free one
     * @param identity the certificate and key to present
     */
    public HttpsListener(String host, int port, ServerIdentity identity) {
        this.host = host;
        this.requestedPort = port;
        this.identity = identity;
    }

    Connector connector(Server server, HttpConfiguration plain) {
        char[] password = HexFormat.of().formatHex(SecureRandom.getSeed(16)).toCharArray();
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(identity.keyStore(password));
        tls.setKeyStorePassword(new String(password));
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        tls.setSniRequired(false);
        HttpConfiguration secure = new HttpConfiguration(plain);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        customizer.setSniHostCheck(false); // stations and browsers may use the gateway's IP address
        secure.addCustomizer(customizer);
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(secure));
        c.setHost(host);
        c.setPort(requestedPort);
        connector = c;
        return c;
    }

    /** The actual port, once the server has started; -1 before. */
    public int port() {
        ServerConnector c = connector;
        return c == null ? -1 : c.getLocalPort();
    }
}
