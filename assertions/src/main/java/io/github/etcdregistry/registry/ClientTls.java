package io.github.etcdregistry.registry;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS files for an https etcd, read once: the CA that signed etcd's certificate and, optionally, a client
 * certificate with its key, which must belong together. gRPC dials with them, and so does {@link EtcdProbe}.
 */
final class ClientTls {

  private static final SecureRandom RANDOM = new SecureRandom();

  final Path caFile;
  final Path certificateFile; // null: no client certificate
  final Path keyFile;
  private final List<X509Certificate> authorities;
  private final List<X509Certificate> chain;
  private final PrivateKey key;

  private ClientTls(Path caFile, Path certificateFile, Path keyFile, List<X509Certificate> authorities, List<X509Certificate> chain,
      PrivateKey key) {
    this.caFile = caFile;
    this.certificateFile = certificateFile;
    this.keyFile = keyFile;
    this.authorities = authorities;
    this.chain = chain;
    this.key = key;
  }

  /** Reads the files; refuses a key that does not belong to the certificate before anything is dialled. */
  static ClientTls read(Path trustedCa, Path clientCertificate, Path clientKey) {
    if (trustedCa == null) {
      throw new IllegalArgumentException("An https etcd endpoint needs trustedCa(etcd CA certificate), e.g. /etc/kubernetes/pki/etcd/ca.crt");
    }
    requireReadable(trustedCa, "trusted CA certificate");
    List<X509Certificate> authorities = PemKeys.certificates(trustedCa, "trusted CA certificate");
    if (clientCertificate == null) {
      return new ClientTls(trustedCa, null, null, authorities, List.of(), null);
    }
    requireReadable(clientCertificate, "client certificate");
    requireReadable(clientKey, "client key");
    List<X509Certificate> chain = PemKeys.certificates(clientCertificate, "client certificate");
    PrivateKey key = PemKeys.privateKey(clientKey);
    if (!belongTogether(key, chain.get(0))) {
      throw new IllegalArgumentException("The client key " + clientKey + " does not belong to the client certificate " + clientCertificate
          + " (" + chain.get(0).getSubjectX500Principal().getName() + "): its public key is another; give the key that certificate was"
          + " issued for (kubeadm: apiserver-etcd-client.crt with apiserver-etcd-client.key)");
    }
    return new ClientTls(trustedCa, clientCertificate, clientKey, authorities, chain, key);
  }

  SslContext grpcContext() {
    SslContextBuilder ssl = SslContextBuilder.forClient().trustManager(authorities);
    if (key != null) {
      ssl.keyManager(key, chain);
    }
    try {
      return GrpcSslContexts.configure(ssl).build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("Could not use the TLS files for etcd (" + caFile + (certificateFile == null ? "" : ", "
          + certificateFile + ", " + keyFile) + "): " + e.getMessage(), e);
    }
  }

  /** A JDK context with the same files, trusting through {@code trust} (which wraps this CA's trust manager). */
  SSLContext jdkContext(java.util.function.UnaryOperator<X509TrustManager> trust) throws GeneralSecurityException {
    KeyStore trusted = emptyKeyStore();
    for (int i = 0; i < authorities.size(); i++) {
      trusted.setCertificateEntry("ca-" + i, authorities.get(i));
    }
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    char[] password = "in-memory".toCharArray(); // a key entry needs one; the store never leaves memory
    KeyStore identity = emptyKeyStore();
    if (key != null) {
      identity.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
    }
    keyManagers.init(identity, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), new javax.net.ssl.TrustManager[] {trust.apply((X509TrustManager) trustManagers.getTrustManagers()[0])},
        RANDOM);
    return context;
  }

  String caNames() {
    return String.join(", ", authorities.stream().map(ca -> ca.getSubjectX500Principal().getName()).toList());
  }

  /** The client certificate's subject and issuer, for messages; empty without one. */
  String clientCertificateNames() {
    return chain.isEmpty() ? "" : chain.get(0).getSubjectX500Principal().getName() + ", issued by " + chain.get(0).getIssuerX500Principal().getName();
  }

  /** Signs with the key and verifies with the certificate: true when the key is the certificate's. */
  private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
    String algorithm = switch (key.getAlgorithm()) {
      case "EC" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      default -> key.getAlgorithm(); // Ed25519, EdDSA
    };
    byte[] challenge = "etcd-registry key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false; // a key of another algorithm than the certificate's cannot verify either
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

  private static void requireReadable(Path file, String what) {
    if (file == null || !Files.isReadable(file)) {
      throw new IllegalArgumentException("The " + what + " for etcd is not a readable file: " + file);
    }
  }
}
