package dev.oktaprov.simulator;

import dev.oktaprov.simulator.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The simulator's TLS identity ({@code --tls}): a self-signed certificate for 127.0.0.1 and
 * localhost, made at start, and the files a client needs to trust it and nothing else: the
 * certificate as PEM ({@code curl --cacert}) and a PKCS12 trust store (JVM clients,
 * {@code -Djavax.net.ssl.trustStore}). The files live in a directory of their own, removed on close.
 */
public final class SimulatorTls implements AutoCloseable {

    /** Not a secret: the trust store holds only the public certificate. */
    public static final String TRUST_STORE_PASSWORD = "okta-simulator";
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final char[] KEY_PASSWORD = "in-memory".toCharArray();

    private final SelfSignedCertificate identity;
    private final Path directory;
    private final Path certificatePem;
    private final Path trustStore;

    private SimulatorTls(SelfSignedCertificate identity, Path directory) throws IOException, GeneralSecurityException {
        this.identity = identity;
        this.directory = directory;
        this.certificatePem = directory.resolve("okta-simulator.pem");
        this.trustStore = directory.resolve("okta-simulator-truststore.p12");
        Files.writeString(certificatePem, pem(identity.certificate()), StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trustingKeyStore().store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
    }

    static SimulatorTls create() {
        try {
            return new SimulatorTls(SelfSignedCertificate.create(Instant.now(), VALIDITY),
                    Files.createTempDirectory("okta-simulator-tls-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulator's TLS certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot store the simulator's TLS certificate", e);
        }
    }

    public X509Certificate certificate() {
        return identity.certificate();
    }

    /** The certificate, PEM-encoded: {@code curl --cacert <this> https://127.0.0.1:PORT/...}. */
    public Path certificatePem() {
        return certificatePem;
    }

    /** A PKCS12 trust store with only the certificate; password {@link #TRUST_STORE_PASSWORD}. */
    public Path trustStore() {
        return trustStore;
    }

    /** A client context that trusts this certificate and no other: {@code HttpClient.newBuilder().sslContext(...)}. */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustingKeyStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a context trusting the simulator", e);
        }
    }

    /** The server's side: the key and the certificate. */
    SSLContext serverContext() {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("okta-simulator", identity.keys().getPrivate(), KEY_PASSWORD,
                    new Certificate[] {identity.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, KEY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the simulator's TLS context", e);
        }
    }

    /** Removes the certificate files. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temporary directory left behind is harmless; stopping must not fail for it.
        }
    }

    private KeyStore trustingKeyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("okta-simulator", identity.certificate());
        return store;
    }

    private static String pem(X509Certificate certificate) throws GeneralSecurityException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
        return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    }
}
