package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.pki.ClusterPki;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Three etcd members: kube-apiserver keeps writing with one down, and with two down every call names the lost quorum. */
class EtcdClusterTest {

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PROCESS", "CONTAINER"})
  void writesGoOnWithOneMemberDownAndStopNamingTheQuorumWithTwo(Backend backend) throws Exception {
    try (ControlPlane controlPlane = new ControlPlane().withBackend(backend).withKubeApiServer(true).withEtcdMembers(3)) {
      controlPlane.start();
      assertOwnPeerCertificatesFromTheEtcdCa(controlPlane.pki());
      assertThat(controlPlane.kubeApiServerFlags()).anyMatch(flag -> flag.startsWith("--etcd-servers=") && flag.split(",").length == 3);
      KubernetesClient client = controlPlane.kubernetesClient();

      controlPlane.etcdMember(1).stop();
      assertThat(controlPlane.etcdMember(1).isRunning()).isFalse();
      create(client, "with-one-member-down");
      assertThat(controlPlane.registry().get("/registry/configmaps/default/with-one-member-down")).isPresent();
      assertThat(controlPlane.isRunning()).as("two of three members make a quorum").isTrue();

      controlPlane.etcdMember(2).stop();
      long start = System.nanoTime();
      Throwable read = catchThrowable(() -> controlPlane.registry().keys("/registry/configmaps/"));
      Throwable write = catchThrowable(() -> create(client, "without-quorum"));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.println("time to a clear failure, registry read and client write without quorum (" + backend + "): " + took.toMillis()
          + " ms: " + read.getMessage());
      assertThat(read).hasMessageContaining("etcd lost its quorum: 1 of 3 members run").hasMessageContaining("etcd-1, etcd-2");
      assertThat(write).hasMessageContaining("etcd lost its quorum").hasMessageContaining("controlPlane.etcdMember(1).start()");
      assertThat(took).isLessThan(Duration.ofSeconds(2));
      assertThat(controlPlane.isRunning()).isFalse();

      controlPlane.etcdMember(2).start();
      assertThat(controlPlane.isRunning()).isTrue();
      eventually(() -> create(client, "quorum-back"));
      controlPlane.etcdMember(1).start();
      assertThat(controlPlane.registry().keys("/registry/configmaps/default/"))
          .contains("/registry/configmaps/default/with-one-member-down", "/registry/configmaps/default/quorum-back");
    }
  }

  @Test
  void theOnlyMemberStoppedIsNamedUntilStartedAgain() {
    try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS)) {
      controlPlane.start();
      assertThat(catchThrowable(() -> controlPlane.etcdMember(1))).isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("etcd has 1 member, etcdMember(0); for member 1, ask for etcdMembers = 2");
      assertThat(catchThrowable(() -> controlPlane.etcdMember(-1))).hasMessageNotContaining("ask for");
      controlPlane.etcdMember(0).stop();
      assertThat(controlPlane.isRunning()).isFalse();
      assertThat(catchThrowable(() -> controlPlane.registry().keys("/"))).hasMessageContaining("etcdMember(0).start()");

      controlPlane.etcdMember(0).start();
      assertThat(controlPlane.isRunning()).isTrue();
      assertThat(controlPlane.registry().keys("/")).isNotNull();
    }
  }

  private static void assertOwnPeerCertificatesFromTheEtcdCa(ClusterPki pki) throws Exception {
    X509Certificate ca = certificate(pki.etcdCaCert());
    for (int i = 0; i < 3; i++) {
      X509Certificate peer = certificate(pki.directory().resolve("etcd/peer-etcd-" + i + ".crt"));
      assertThat(peer.getSubjectX500Principal().getName()).contains("CN=etcd-" + i);
      peer.verify(ca.getPublicKey());
    }
  }

  private static X509Certificate certificate(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static void create(KubernetesClient client, String name) {
    client.configMaps().inNamespace("default")
        .resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().withData(Map.of("k", "v")).build())
        .create();
  }

  /** kube-apiserver's etcd client reconnects within seconds once the quorum is back. */
  private static void eventually(Runnable action) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        action.run();
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }
}
