package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KubernetesVersionTest {

  @Test
  void aMinorMeansItsLatestKnownPatch() {
    assertThat(KubernetesVersion.parse("1.35")).hasToString("v1.35.4");
    assertThat(KubernetesVersion.parse("v1.36")).hasToString("v1.36.3");
    assertThat(KubernetesVersion.parse("1.37")).isEqualTo(KubernetesVersion.DEFAULT);
  }

  @Test
  void aFullVersionIsTakenAsGivenEvenWhenNotTheLatestPatch() {
    KubernetesVersion version = KubernetesVersion.parse(" v1.36.1 ");
    assertThat(version).hasToString("v1.36.1");
    assertThat(version.minorVersion()).isEqualTo("1.36");
    assertThat(version).isLessThan(KubernetesVersion.parse("1.36")).isGreaterThan(KubernetesVersion.parse("1.35"));
  }

  @Test
  void anUnknownMinorAsksForAFullVersionAndNamesTheBinarySetting() {
    assertThatThrownBy(() -> KubernetesVersion.parse("1.34"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Kubernetes 1.34 is not a minor etcd-registry knows (v1.35.4, v1.36.3, v1.37.2)")
        .hasMessageContaining("e.g. 1.34.0, and set etcdregistry.kube-apiserver.binary");
  }

  @Test
  void textThatIsNoVersionIsRefused() {
    assertThatThrownBy(() -> KubernetesVersion.parse("1.36-latest"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'1.36-latest' is not a Kubernetes version; write 1.36 (its latest known patch) or 1.36.3");
  }
}
