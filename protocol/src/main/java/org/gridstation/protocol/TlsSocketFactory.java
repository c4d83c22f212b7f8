package org.gridstation.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The transport for MQTT over TLS: sockets that trust only the town's root certificate (the
 * {@code ca.crt} the gateway generated, given to every station in its bundle), TLS 1.2 or 1.3,
 * with Nagle's algorithm off as in {@link NoDelaySocketFactory}. Host names are checked by the
 * MQTT client against the certificate.
 */
public final class TlsSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    private TlsSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /**
     * A factory trusting exactly the certificates in the PEM file {@code caFile}.
     *
     * @throws IOException if the file cannot be read or holds no certificate
     */
    public static TlsSocketFactory trusting(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> roots = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (roots.isEmpty()) {
                throw new IOException("no certificate in " + caFile);
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : roots) {
                trust.setCertificateEntry("root-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return new TlsSocketFactory(context.getSocketFactory());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use " + caFile + " as the trusted root: " + e.getMessage(), e);
        }
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return noDelay(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        if (s instanceof javax.net.ssl.SSLSocket ssl) {
            ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        }
        return s;
    }
}
