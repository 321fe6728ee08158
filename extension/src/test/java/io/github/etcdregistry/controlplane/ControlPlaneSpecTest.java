package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a control plane is asked for, as a value: what each component needs comes with it, and equal asks are equal. */
class ControlPlaneSpecTest {

  @Test
  void aKubernetesComponentBringsKubeApiServerAndLeavesWithIt() {
    ControlPlaneSpec withControllers = ControlPlaneSpec.etcdOnly().withComponent(Component.KUBE_CONTROLLER_MANAGER, true);

    assertThat(withControllers.components()).containsExactlyInAnyOrder(Component.ETCD, Component.KUBE_APISERVER,
        Component.KUBE_CONTROLLER_MANAGER);
    assertThat(withControllers.withComponent(Component.KUBE_APISERVER, false).components()).containsExactly(Component.ETCD);
    assertThat(withControllers.withComponent(Component.KUBE_CONTROLLER_MANAGER, false).components())
        .containsExactlyInAnyOrder(Component.ETCD, Component.KUBE_APISERVER);
    assertThatThrownBy(() -> withControllers.withComponent(Component.ETCD, false)).hasMessageContaining("etcd always runs");
  }

  @Test
  void theSameEncryptionAskedForTwiceIsOneSpecThoughItsKeysDiffer() {
    ControlPlaneSpec first = ControlPlaneSpec.etcdOnly().withEncryption(EncryptionAtRest.provider("aescbc").withKeyCount(2));
    ControlPlaneSpec second = ControlPlaneSpec.etcdOnly().withEncryption(EncryptionAtRest.provider("aescbc").withKeyCount(2));

    assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
    assertThat(first.encryption().hasSameKeysAs(second.encryption())).isFalse();
    assertThat(first).isNotEqualTo(ControlPlaneSpec.etcdOnly().withEncryption(EncryptionAtRest.provider("aesgcm").withKeyCount(2)));
  }

  @Test
  void flagsAreCheckedWhenTheyAreAskedFor() {
    assertThatThrownBy(() -> ControlPlaneSpec.etcdOnly().withFlags(Component.KUBE_CONTROLLER_MANAGER, List.of("controllers=*")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("kube-controller-manager flags look like --name=value, was: controllers=*");
    assertThatThrownBy(() -> ControlPlaneSpec.etcdOnly().withFlags(Component.ETCD, List.of("--data-dir=/elsewhere")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--data-dir");
  }

  @Test
  void aComponentIsFoundByItsName() {
    assertThat(Component.of("kube-apiserver")).isEqualTo(Component.KUBE_APISERVER);
    assertThatThrownBy(() -> Component.of("kube-apiservr"))
        .hasMessage("No component is called 'kube-apiservr'; the components are [etcd, kube-apiserver, kube-controller-manager,"
            + " kube-scheduler, kwok]");
  }
}
