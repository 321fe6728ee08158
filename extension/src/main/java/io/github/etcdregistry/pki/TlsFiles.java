package io.github.etcdregistry.pki;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * JDK {@link SSLContext}s from PEM files, e.g. those of a {@link ClusterPki}: the extension's
 * readiness probes ({@code /readyz} with the admin certificate, etcd {@code /health}) use them.
 *
 * <p>The context trusts exactly the given CA file and presents the given certificate. It does not
 * check host names by itself: a client such as {@link java.net.http.HttpClient} does, or set
 * {@code SSLParameters.setEndpointIdentificationAlgorithm("HTTPS")} on a socket.
 */
public final class TlsFiles {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TlsFiles() {}

  /**
   * A TLS client context that trusts the CA certificate(s) in {@code caCert} and authenticates with
   * {@code clientCert} (PEM, the leaf first if it holds a chain) and {@code clientKey} (PKCS#8 PEM;
   * the OpenSSL traditional EC/RSA forms are read too).
   *
   * @throws IllegalArgumentException if a file is not what it should be
   * @throws java.io.UncheckedIOException if a file cannot be read
   */
  public static SSLContext clientSslContext(Path caCert, Path clientCert, Path clientKey) {
    return sslContext(caCert, clientCert, clientKey);
  }

  /**
   * A TLS server context presenting {@code serverCert}/{@code serverKey} that trusts client
   * certificates issued by {@code caCert} (whether it requires them is up to the socket).
   */
  static SSLContext serverSslContext(Path caCert, Path serverCert, Path serverKey) {
    return sslContext(caCert, serverCert, serverKey);
  }

  private static SSLContext sslContext(Path caCert, Path certificate, Path privateKey) {
    Objects.requireNonNull(caCert, "caCert");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    List<X509Certificate> authorities = PemReader.readCertificates(caCert);
    List<X509Certificate> chain = PemReader.readCertificates(certificate);
    PrivateKey key = PemReader.readPrivateKey(privateKey);
    try {
      KeyStore trusted = emptyKeyStore();
      for (int i = 0; i < authorities.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, authorities.get(i));
      }
      TrustManagerFactory trustManagers =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);

      // In-memory only; a throw-away password because a key entry needs one.
      char[] password = randomPassword();
      KeyStore identity = emptyKeyStore();
      identity.setKeyEntry("identity", key, password, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(identity, password);

      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), RANDOM);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "could not build a TLS context from " + caCert + ", " + certificate + ", " + privateKey
              + ": " + e.getClass().getSimpleName(),
          e);
    }
  }

  private static KeyStore emptyKeyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("could not create an in-memory key store", e);
    }
    return store;
  }

  private static char[] randomPassword() {
    char[] password = new char[24];
    for (int i = 0; i < password.length; i++) {
      password[i] = (char) ('a' + RANDOM.nextInt(26));
    }
    return password;
  }

  /**
   * Writes the private key of {@code keyFile} again to {@code target} in OpenSSL's traditional form
   * ({@code BEGIN EC PRIVATE KEY}), readable by its owner only: what a kubeconfig names, so that fabric8, client-go
   * and kubectl all load it.
   */
  public static Path writeTraditionalKey(Path keyFile, Path target) {
    PemFiles.writeTraditionalPrivateKey(target, PemReader.readPrivateKey(keyFile));
    return target;
  }
}
