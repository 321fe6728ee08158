package compat;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** etcd alone, written to with the real etcdctl: nothing of the jetcd stack needs to be on the user's classpath. */
@WithEtcdRegistry
class C_EtcdOnlyTest {

  @Test
  void etcdAloneHoldsWhatEtcdctlWrote(ControlPlane controlPlane) throws Exception {
    // the etcdctl that came with etcd: from the binary artifact, extracted beside it
    String etcdctl = controlPlane.etcdctlCommand().split(" ")[0];
    Process put = new ProcessBuilder(List.of(etcdctl,
        "--endpoints=" + controlPlane.etcdEndpoint(),
        "--cacert=" + controlPlane.pki().etcdCaCert(),
        "--cert=" + controlPlane.pki().apiserverEtcdClientCert(),
        "--key=" + controlPlane.pki().apiserverEtcdClientKey(),
        "put", "/registry/compat/hello", "world"))
        .redirectErrorStream(true).start();
    assertThat(put.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(put.exitValue()).as(new String(put.getInputStream().readAllBytes())).isZero();

    assertThatRegistry().keysUnder("/registry/").containsExactly("/registry/compat/hello");
  }

  @Test
  void theControlPlanesOfTheClassesBeforeAreGone() {
    StoppedControlPlanes.assertAllBut(0).areGone();
  }
}
