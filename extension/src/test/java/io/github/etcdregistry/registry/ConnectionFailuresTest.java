package io.github.etcdregistry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.pki.ClusterPki;
import io.github.etcdregistry.pki.PkiRequest;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Supplier;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each way of failing to reach etcd is named, with what to do, well within the default connect timeout — gRPC alone
 * retried quietly until the request's timeout and then said only that etcd did not answer.
 */
class ConnectionFailuresTest {

  /** The bar: the cause within 3 s with the default connect timeout of 2 s. */
  private static final Duration NAMED_WITHIN = Duration.ofSeconds(3);

  private static ControlPlane etcd;
  private static ClusterPki otherCa;
  private static PlainEtcd plain;

  @BeforeAll
  static void start() {
    etcd = new ControlPlane().withBackend(Backend.PROCESS).withKubeApiServer(false);
    etcd.start();
    otherCa = ClusterPki.generate(PkiRequest.defaults());
    plain = PlainEtcd.start();
  }

  @AfterAll
  static void stop() {
    etcd.close();
    otherCa.close();
    plain.close();
  }

  @Test
  void etcdsCertificateFromAnotherCaIsRefusedHere() {
    assertFirstRead(() -> connected().trustedCa(otherCa.etcdCaCert()))
        .hasMessageContaining("that the trusted CA " + otherCa.etcdCaCert())
        .hasMessageContaining("did not sign, so this client refused it; give the CA that signed etcd's serving certificate");
  }

  @Test
  void aClientCertificateFromAnotherCaIsRefusedByEtcd() {
    assertFirstRead(() -> connected().clientCertificate(otherCa.apiserverEtcdClientCert(), otherCa.apiserverEtcdClientKey()))
        .hasMessageContaining(etcd.etcdEndpoint() + " rejected the client certificate " + otherCa.apiserverEtcdClientCert())
        .hasMessageContaining("etcd does not trust the CA that issued it");
  }

  @Test
  void noClientCertificateIsNamedAsMissing() {
    assertFirstRead(() -> connected().clientCertificate(null, null))
        .hasMessageContaining(etcd.etcdEndpoint() + " asks for a client certificate and none was given");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefusedBeforeDialling() {
    assertThatThrownBy(() -> connected().clientCertificate(etcd.pki().apiserverEtcdClientCert(), otherCa.apiserverEtcdClientKey()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("The client key " + otherCa.apiserverEtcdClientKey() + " does not belong to the client certificate "
            + etcd.pki().apiserverEtcdClientCert())
        .hasMessageNotContaining("PRIVATE KEY");
  }

  @Test
  void nothingListeningIsARefusedConnection() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    assertFirstRead(() -> at("https://127.0.0.1:" + port))
        .hasMessageContaining("https://127.0.0.1:" + port + " refused the connection: nothing listens on 127.0.0.1:" + port);
  }

  @Test
  void aHostThatDropsThePacketsIsNamedWithinTheConnectTimeout() throws Exception {
    // a listener whose accept queue is full drops further connection requests, as a firewall does
    try (ServerSocket full = new ServerSocket(0, 1); Socket first = new Socket(); Socket second = new Socket()) {
      first.connect(full.getLocalSocketAddress());
      second.connect(full.getLocalSocketAddress());
      String url = "https://127.0.0.1:" + full.getLocalPort();
      assertFirstRead(() -> at(url)).hasMessageContaining(url + " did not accept a connection within 2000 ms: the host is unreachable"
          + " or a firewall drops the packets");
    }
  }

  @Test
  void anUnknownHostIsNamed() {
    assertFirstRead(() -> at("https://etcd.invalid:2379"))
        .hasMessageContaining("https://etcd.invalid:2379: unknown host etcd.invalid, DNS does not resolve it");
  }

  @Test
  void httpAgainstATlsEtcdSaysItSpeaksTls() {
    String http = "http://" + etcd.etcdEndpoint().getRawAuthority();
    assertFirstRead(() -> at(http)).hasMessageContaining(http + " closed the connection without answering plain HTTP: it speaks TLS; use "
        + etcd.etcdEndpoint());
  }

  @Test
  void httpsAgainstAPlainEtcdSaysItDoesNotSpeakTls() {
    assertFirstRead(() -> at("https://" + plain.endpoint().getRawAuthority()))
        .hasMessageContaining(" does not speak TLS: use " + plain.endpoint());
  }

  @Test
  void aGoodConnectionIsNotSlowedDown() {
    try (EtcdRegistry registry = connected().build()) {
      long started = System.nanoTime();
      registry.keys("/registry/");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(EtcdAnswers.PROBE_AFTER);
    }
  }

  /** Builds a registry and reads once: the failure comes within 3 s and names the request. */
  private static AbstractThrowableAssert<?, ? extends Throwable> assertFirstRead(Supplier<EtcdRegistry.Builder> builder) {
    long started = System.nanoTime();
    Throwable failure;
    try (EtcdRegistry registry = builder.get().build()) {
      registry.keys("/registry/");
      throw new AssertionError("etcd answered");
    } catch (RegistryAccessException e) {
      failure = e;
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as(failure.getMessage()).isLessThan(NAMED_WITHIN);
    return assertThat(failure).hasMessageStartingWith("Cannot reach etcd for list /registry/: ");
  }

  /** The test etcd's CA and client certificate, for {@code url}. */
  private static EtcdRegistry.Builder at(String url) {
    return EtcdRegistry.builder().endpoints(url).trustedCa(etcd.pki().etcdCaCert())
        .clientCertificate(etcd.pki().apiserverEtcdClientCert(), etcd.pki().apiserverEtcdClientKey());
  }

  private static EtcdRegistry.Builder connected() {
    return at(etcd.etcdEndpoint().toString());
  }
}
