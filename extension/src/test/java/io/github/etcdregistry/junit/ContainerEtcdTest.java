package io.github.etcdregistry.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import org.junit.jupiter.api.Test;

@WithEtcdRegistry(backend = Backend.CONTAINER)
class ContainerEtcdTest extends EtcdMutualTlsContract {

  @Test
  void runsInAContainer(ControlPlane controlPlane) {
    assertThat(controlPlane.backend()).isEqualTo(Backend.CONTAINER);
  }
}
