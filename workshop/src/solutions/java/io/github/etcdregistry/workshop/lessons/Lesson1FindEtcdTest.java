package io.github.etcdregistry.workshop.lessons;

import static io.github.etcdregistry.workshop.Blanks.___;
import static io.github.etcdregistry.workshop.Blanks.todo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.workshop.Expect;
import io.github.etcdregistry.workshop.Workshop;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lesson 1 — Find etcd and read it with borrowed certificates.
 *
 * <p>On a kubeadm node you would read /etc/kubernetes/manifests/kube-apiserver.yaml and borrow the files in
 * /etc/kubernetes/pki. Here the control plane hands you the same: its flags and a PKI directory laid out alike.
 */
@Workshop
class Lesson1FindEtcdTest {

  @Test
  void kubeApiServerNamesEtcdInAFlag(ControlPlane controlPlane) {
    // Which kube-apiserver flag holds etcd's URL? Write it with its dashes, without the value.
    Expect.text("the kube-apiserver flag that names etcd's URL", flagNamingEtcd(controlPlane),
        "--etcd-servers",
        "kube-apiserver is etcd's only client: it reaches etcd at the URL of this flag, over mutual TLS");
  }

  @Test
  void borrowedCertificatesReadTheRegistry(ControlPlane controlPlane) {
    Path pki = controlPlane.pki().directory();
    // kube-apiserver's client certificate for etcd, and the CA that signed etcd's own: paths relative to the PKI directory.
    String clientCertificate = "apiserver-etcd-client.crt";
    String etcdCa = "etcd/ca.crt";
    Expect.text("kube-apiserver's client certificate for etcd", relative(pki, controlPlane.pki().apiserverEtcdClientCert()),
        clientCertificate, "kubeadm lays the PKI out so: etcd trusts certificates of etcd/ca.crt, and kube-apiserver holds one");
    Expect.text("the CA etcd trusts", relative(pki, controlPlane.pki().etcdCaCert()), etcdCa,
        "etcd has its own CA, apart from the cluster's ca.crt");

    try (EtcdRegistry borrowed = EtcdRegistry.builder().endpoints(controlPlane.etcdEndpoint().toString())
        .trustedCa(pki.resolve(etcdCa))
        .clientCertificate(pki.resolve(clientCertificate), pki.resolve(clientCertificate.replace(".crt", ".key")))
        .build()) {
      // Under which prefix does kube-apiserver keep every object (its --etcd-prefix)?
      String prefix = "/registry";
      Expect.text("the prefix of every key kube-apiserver writes", controlPlane.registry().prefix(), prefix,
          "/registry/namespaces/default");
      assertThat(borrowed.keys(prefix + "/namespaces/")).contains(prefix + "/namespaces/default", prefix + "/namespaces/kube-system");
    }
  }

  @Test
  void withoutAClientCertificateEtcdRefuses(ControlPlane controlPlane) {
    try (EtcdRegistry anonymous = EtcdRegistry.builder().endpoints(controlPlane.etcdEndpoint().toString())
        .trustedCa(controlPlane.pki().etcdCaCert()).timeout(Duration.ofSeconds(3)).build()) {
      // etcd runs with --client-cert-auth: a TLS client without a certificate reads nothing.
      assertThatThrownBy(() -> anonymous.keys("/registry/namespaces/")).isInstanceOf(RuntimeException.class);
    }
  }

  /** The flag whose value is etcd's URL: the only etcd flag of kube-apiserver that holds a URL. */
  private static String flagNamingEtcd(ControlPlane controlPlane) {
    return controlPlane.kubeApiServerFlags().stream()
        .filter(flag -> flag.startsWith("--etcd") && flag.contains("=https://"))
        .map(flag -> flag.substring(0, flag.indexOf('=')))
        .findFirst().orElseThrow();
  }

  private static String relative(Path pki, Path file) {
    return pki.relativize(file).toString();
  }
}
