package io.github.etcdregistry.junit;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.pki.ClusterPki;
import io.github.etcdregistry.pki.PkiRequest;
import io.github.etcdregistry.pki.TlsFiles;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryAccessException;
import io.github.etcdregistry.registry.RegistryEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** What every etcd backend must guarantee: mutual TLS only, owner-only keys, and a registry that reads it. */
abstract class EtcdMutualTlsContract {

  @Test
  void registryReadsWhatAClientWrote(Client client, EtcdRegistry registry) throws Exception {
    client.getKVClient().put(bytes("/registry/configmaps/default/settings"), bytes("v1")).get();
    client.getKVClient().put(bytes("/registry/configmaps/default/settings"), bytes("v2")).get();

    RegistryEntry entry = registry.get("/registry/configmaps/default/settings").orElseThrow();
    assertThat(entry.value()).asString(StandardCharsets.UTF_8).isEqualTo("v2");
    assertThat(entry.version()).isEqualTo(2);
    assertThat(entry.modRevision()).isGreaterThan(entry.createRevision());
    assertThat(registry.currentRevision()).isGreaterThanOrEqualTo(entry.modRevision());
    assertThatRegistry().keysUnder("/registry/configmaps/").contains("/registry/configmaps/default/settings");
  }

  @Test
  void clientWithoutCertificateIsRefused(ControlPlane controlPlane) {
    try (EtcdRegistry anonymous = EtcdRegistry.builder()
        .endpoints(controlPlane.etcdEndpoint().toString())
        .trustedCa(controlPlane.pki().etcdCaCert())
        .timeout(Duration.ofSeconds(2))
        .build()) {
      assertThatThrownBy(() -> anonymous.get("/registry/namespaces/default")).isInstanceOf(RegistryAccessException.class);
    }
    // TLS 1.3: etcd finishes the handshake, then sends the alert for the missing certificate
    assertThatThrownBy(() -> handshakeAndRead(controlPlane, trusting(controlPlane.pki().etcdCaCert())))
        .isInstanceOf(SSLException.class).hasMessageContaining("certificate_required");
  }

  @Test
  void clientWithCertificateOfAnotherCaIsRefused(ControlPlane controlPlane) {
    try (ClusterPki stranger = ClusterPki.generate(PkiRequest.defaults());
        EtcdRegistry impostor = EtcdRegistry.builder()
            .endpoints(controlPlane.etcdEndpoint().toString())
            .trustedCa(controlPlane.pki().etcdCaCert())
            .clientCertificate(stranger.apiserverEtcdClientCert(), stranger.apiserverEtcdClientKey())
            .timeout(Duration.ofSeconds(2))
            .build()) {
      assertThatThrownBy(() -> impostor.get("/registry/namespaces/default")).isInstanceOf(RegistryAccessException.class);
      assertThatThrownBy(() -> handshakeAndRead(controlPlane,
          TlsFiles.clientSslContext(controlPlane.pki().etcdCaCert(), stranger.apiserverEtcdClientCert(), stranger.apiserverEtcdClientKey())))
          .isInstanceOf(SSLException.class).hasMessageContaining("unknown_ca");
    }
  }

  @Test
  void clientWithItsCertificateGetsAnAnswerOverTheSameHandshake(ControlPlane controlPlane) throws Exception {
    ClusterPki pki = controlPlane.pki();
    assertThat(handshakeAndRead(controlPlane, TlsFiles.clientSslContext(pki.etcdCaCert(), pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey())))
        .startsWith("HTTP/1.1 200");
  }

  @Test
  void plainHttpIsNotServed(ControlPlane controlPlane) throws Exception {
    URI endpoint = controlPlane.etcdEndpoint();
    String answer;
    try (Socket plain = new Socket(endpoint.getHost(), endpoint.getPort())) { // refused when nothing listens: fails
      plain.setSoTimeout(5_000); // a listener that keeps the connection open without a word fails too
      answer = request(plain);
    } catch (SocketException reset) {
      // etcd closed before reading the whole request: the kernel resets instead of closing
      assertThat(reset).hasMessageContaining("Connection reset");
      answer = "";
    }
    // etcd's TLS listener closes a connection whose first bytes are no TLS record; a plaintext server would answer
    assertThat(answer).as("etcd's answer to a plaintext GET /health").isEmpty();
  }

  @Test
  void privateKeysAreReadableByTheOwnerOnly(ControlPlane controlPlane) throws Exception {
    Path directory = controlPlane.pki().directory();
    List<Path> keys;
    try (Stream<Path> files = Files.walk(directory)) {
      keys = files.filter(file -> file.toString().endsWith(".key")).toList();
    }
    assertThat(keys).extracting(file -> directory.relativize(file).toString())
        .contains("etcd/ca.key", "etcd/server.key", "apiserver-etcd-client.key", "ca.key", "sa.key");
    for (Path key : keys) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(key);
      assertThat(PosixFilePermissions.toString(permissions)).as(key.toString()).isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
  }

  @Test
  void etcdctlCommandNamesEndpointAndCertificates(ControlPlane controlPlane) {
    assertThat(controlPlane.etcdctlCommand())
        .matches("(etcdctl|/\\S+/etcdctl) --endpoints=.*") // etcd's own etcdctl where the process backend found one
        .contains(" --endpoints=" + controlPlane.etcdEndpoint())
        .contains("--cacert=" + controlPlane.pki().etcdCaCert(),
            "--cert=" + controlPlane.pki().apiserverEtcdClientCert(),
            "--key=" + controlPlane.pki().apiserverEtcdClientKey())
        .endsWith("get /registry --prefix --keys-only");
  }

  /** Says {@code GET /health} over {@code tls} and returns the answer; TLS 1.3 delivers a certificate's refusal on the first read. */
  private static String handshakeAndRead(ControlPlane controlPlane, SSLContext tls) throws IOException {
    URI endpoint = controlPlane.etcdEndpoint();
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(endpoint.getHost(), endpoint.getPort())) {
      socket.setSoTimeout(5_000);
      socket.startHandshake();
      return request(socket);
    }
  }

  private static String request(Socket socket) throws IOException {
    socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: etcd\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
  }

  /** Trusts etcd's CA and presents no certificate. */
  private static SSLContext trusting(Path caCertificate) throws Exception {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream pem = Files.newInputStream(caCertificate)) {
      trusted.setCertificateEntry("etcd-ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static ByteSequence bytes(String text) {
    return ByteSequence.from(text, StandardCharsets.UTF_8);
  }
}
