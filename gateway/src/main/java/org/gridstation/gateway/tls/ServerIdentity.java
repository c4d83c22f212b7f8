package org.gridstation.gateway.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.gridstation.gateway.store.PrivateFiles;

/**
 * The gateway's server certificate with its private key and the root that signed it: what the
 * HTTPS listener and the embedded broker's TLS listener present.
 *
 * @param certificate the server certificate
 * @param key its private key
 * @param root the town CA's certificate (sent along as the chain's second element)
 */
public record ServerIdentity(X509Certificate certificate, PrivateKey key, X509Certificate root) {
    /** The alias of the key entry in {@link #keyStore}. */
    public static final String ALIAS = "gateway";

    /** A PKCS#12 key store in memory holding the key and the chain, protected by {@code password}. */
    public KeyStore keyStore(char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key, password, new Certificate[] {certificate, root});
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the gateway's key store", e);
        }
    }

    /** Writes {@link #keyStore} to {@code file} (owner-only), for a server that reads a file. */
    public void writeKeyStore(Path file, char[] password) throws IOException {
        PrivateFiles.create(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore(password).store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the key store " + file, e);
        }
    }

    /** The DNS names and IP addresses the certificate covers. */
    public List<String> hosts() {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            List<String> out = new ArrayList<>();
            if (names != null) {
                for (List<?> n : names) {
                    out.add(String.valueOf(n.get(1)));
                }
            }
            return out;
        } catch (CertificateParsingException e) {
            throw new IllegalStateException("unreadable subject alternative names", e);
        }
    }

    /** When the certificate stops being valid. */
    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }
}
