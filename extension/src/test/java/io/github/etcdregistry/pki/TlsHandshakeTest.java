package io.github.etcdregistry.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real mutual-TLS handshakes on loopback, with contexts built from the generated files. */
class TlsHandshakeTest {

  private static final int TIMEOUT_MILLIS = 20_000;

  private static ClusterPki pki;
  private static ClusterPki otherPki;
  private ExecutorService server;

  @BeforeAll
  static void generate() {
    pki = ClusterPki.generate(PkiRequest.defaults());
    otherPki = ClusterPki.generate(PkiRequest.defaults());
  }

  @AfterAll
  static void cleanUp() {
    pki.close();
    otherPki.close();
  }

  @BeforeEach
  void startExecutor() {
    server = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stopExecutor() {
    server.shutdownNow();
  }

  @Test
  void apiserverEtcdClientTalksToEtcdServer() throws Exception {
    SSLContext etcd = TlsFiles.serverSslContext(pki.etcdCaCert(), pki.etcdServerCert(), pki.etcdServerKey());
    SSLContext apiserver =
        TlsFiles.clientSslContext(pki.etcdCaCert(), pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey());

    try (Handshake handshake = Handshake.start(server, etcd)) {
      assertThat(handshake.connectAndRead(apiserver, "localhost")).isEqualTo(42);
      assertThat(handshake.serverSawClient()).isEqualTo("CN=kube-apiserver-etcd-client");
    }
    try (Handshake handshake = Handshake.start(server, etcd)) {
      assertThat(handshake.connectAndRead(apiserver, "127.0.0.1")).as("IP SAN").isEqualTo(42);
    }
  }

  @Test
  void adminTalksToApiserverUnderItsInClusterNames() throws Exception {
    SSLContext kubeApiserver = TlsFiles.serverSslContext(pki.caCert(), pki.apiserverCert(), pki.apiserverKey());
    SSLContext admin = TlsFiles.clientSslContext(pki.caCert(), pki.adminCert(), pki.adminKey());

    for (String host : new String[] {"localhost", "kubernetes.default.svc", "127.0.0.1"}) {
      try (Handshake handshake = Handshake.start(server, kubeApiserver)) {
        assertThat(handshake.connectAndRead(admin, host)).as(host).isEqualTo(42);
        assertThat(handshake.serverSawClient()).isEqualTo("CN=kubernetes-admin,O=system:masters");
      }
    }
  }

  @Test
  void userCertificateIssuedLaterIsAccepted() throws Exception {
    CertificateFiles jane = pki.issueClientCertificate("jane-tls", "jane", "developers");
    SSLContext kubeApiserver = TlsFiles.serverSslContext(pki.caCert(), pki.apiserverCert(), pki.apiserverKey());
    SSLContext client = TlsFiles.clientSslContext(pki.caCert(), jane.certificate(), jane.privateKey());

    try (Handshake handshake = Handshake.start(server, kubeApiserver)) {
      assertThat(handshake.connectAndRead(client, "localhost")).isEqualTo(42);
      assertThat(handshake.serverSawClient()).isEqualTo("CN=jane,O=developers");
    }
  }

  @Test
  void clientCertificateFromAnotherPkiIsRefused() throws Exception {
    SSLContext etcd = TlsFiles.serverSslContext(pki.etcdCaCert(), pki.etcdServerCert(), pki.etcdServerKey());
    // trusts this etcd's CA, so only the server can be the one that says no
    SSLContext stranger =
        TlsFiles.clientSslContext(
            pki.etcdCaCert(), otherPki.apiserverEtcdClientCert(), otherPki.apiserverEtcdClientKey());

    try (Handshake handshake = Handshake.start(server, etcd)) {
      // With TLS 1.3 the client may finish its side before the server judges its certificate:
      // the refusal then arrives on the first read.
      assertThatThrownBy(() -> handshake.connectAndRead(stranger, "localhost")).isInstanceOf(IOException.class);
      assertThatThrownBy(handshake::serverSawClient).hasCauseInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void clientCertificateFromTheOtherCaOfTheSamePkiIsRefused() throws Exception {
    // the admin certificate is from the kubernetes CA; etcd trusts only the etcd CA
    SSLContext etcd = TlsFiles.serverSslContext(pki.etcdCaCert(), pki.etcdServerCert(), pki.etcdServerKey());
    SSLContext admin = TlsFiles.clientSslContext(pki.etcdCaCert(), pki.adminCert(), pki.adminKey());

    try (Handshake handshake = Handshake.start(server, etcd)) {
      assertThatThrownBy(() -> handshake.connectAndRead(admin, "localhost")).isInstanceOf(IOException.class);
      assertThatThrownBy(handshake::serverSawClient).hasCauseInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void serverCertificateFromAnotherPkiIsRefusedByTheClient() throws Exception {
    SSLContext impostor =
        TlsFiles.serverSslContext(pki.etcdCaCert(), otherPki.etcdServerCert(), otherPki.etcdServerKey());
    SSLContext apiserver =
        TlsFiles.clientSslContext(pki.etcdCaCert(), pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey());

    try (Handshake handshake = Handshake.start(server, impostor)) {
      assertThatThrownBy(() -> handshake.connectAndRead(apiserver, "localhost"))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void hostNameOutsideTheSansIsRefusedByTheClient() throws Exception {
    SSLContext etcd = TlsFiles.serverSslContext(pki.etcdCaCert(), pki.etcdServerCert(), pki.etcdServerKey());
    SSLContext apiserver =
        TlsFiles.clientSslContext(pki.etcdCaCert(), pki.apiserverEtcdClientCert(), pki.apiserverEtcdClientKey());

    try (Handshake handshake = Handshake.start(server, etcd)) {
      assertThatThrownBy(() -> handshake.connectAndRead(apiserver, "etcd"))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void readsOpenSslTraditionalEcKeysToo() throws Exception {
    // kubeadm clusters of old wrote "EC PRIVATE KEY" (SEC1); TlsFiles accepts that form as well
    Path sec1 = pki.directory().resolve("sec1-admin.key");
    java.security.interfaces.ECPrivateKey key = (java.security.interfaces.ECPrivateKey) PemReader.readPrivateKey(pki.adminKey());
    SubjectPublicKeyInfo publicKey =
        SubjectPublicKeyInfo.getInstance(Certificates.read(pki.adminCert()).getPublicKey().getEncoded());
    ECPrivateKey structure =
        new ECPrivateKey(256, key.getS(), publicKey.getPublicKeyData(), publicKey.getAlgorithm().getParameters());
    try (PemWriter pem = new PemWriter(Files.newBufferedWriter(sec1))) {
      pem.writeObject(new PemObject("EC PRIVATE KEY", structure.getEncoded()));
    }
    assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");

    SSLContext kubeApiserver = TlsFiles.serverSslContext(pki.caCert(), pki.apiserverCert(), pki.apiserverKey());
    SSLContext admin = TlsFiles.clientSslContext(pki.caCert(), pki.adminCert(), sec1);
    try (Handshake handshake = Handshake.start(server, kubeApiserver)) {
      assertThat(handshake.connectAndRead(admin, "localhost")).isEqualTo(42);
    }
  }

  @Test
  void badFilesFailWithTheirPathAndWithoutTheirContents() throws Exception {
    assertThatThrownBy(() -> TlsFiles.clientSslContext(pki.caCert(), pki.adminCert(), pki.adminCert()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(pki.adminCert().toString())
        .hasMessageNotContaining("BEGIN");
    assertThatThrownBy(() -> TlsFiles.clientSslContext(pki.adminKey(), pki.adminCert(), pki.adminKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(pki.adminKey().toString())
        .hasMessageNotContaining(Files.readString(pki.adminKey()).lines().skip(1).findFirst().orElseThrow());
  }

  /** One server socket requiring client certificates, serving one connection with the byte 42. */
  private static final class Handshake implements AutoCloseable {

    private final SSLServerSocket socket;
    private final Future<String> clientPrincipal;

    private Handshake(SSLServerSocket socket, Future<String> clientPrincipal) {
      this.socket = socket;
      this.clientPrincipal = clientPrincipal;
    }

    static Handshake start(ExecutorService executor, SSLContext context) throws IOException {
      SSLServerSocket socket =
          (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
      socket.setNeedClientAuth(true);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      Future<String> principal =
          executor.submit(
              () -> {
                try (SSLSocket connection = (SSLSocket) socket.accept()) {
                  connection.setSoTimeout(TIMEOUT_MILLIS);
                  connection.startHandshake();
                  String peer = connection.getSession().getPeerPrincipal().getName();
                  OutputStream out = connection.getOutputStream();
                  out.write(42);
                  out.flush();
                  // wait for the client to hang up, so the byte is not lost to a reset
                  connection.getInputStream().read();
                  return peer;
                }
              });
      return new Handshake(socket, principal);
    }

    /** Connects as {@code host} (checked against the server's SANs) and reads one byte. */
    int connectAndRead(SSLContext client, String host) throws IOException {
      Socket plain = new Socket();
      plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()), TIMEOUT_MILLIS);
      try (SSLSocket tls =
          (SSLSocket) client.getSocketFactory().createSocket(plain, host, socket.getLocalPort(), true)) {
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(TIMEOUT_MILLIS);
        tls.startHandshake();
        InputStream in = tls.getInputStream();
        int value = in.read();
        if (value < 0) {
          throw new IOException("the server closed the connection without a word");
        }
        return value;
      }
    }

    /** The client's subject as the server saw it, or the server's failure. */
    String serverSawClient() throws Exception {
      return clientPrincipal.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws IOException {
      clientPrincipal.cancel(true);
      socket.close();
    }
  }
}
