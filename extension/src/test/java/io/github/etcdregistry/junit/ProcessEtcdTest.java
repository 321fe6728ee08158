package io.github.etcdregistry.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import org.junit.jupiter.api.Test;

@WithEtcdRegistry(backend = Backend.PROCESS)
class ProcessEtcdTest extends EtcdMutualTlsContract {

  @Test
  void runsAsALocalProcessOnLoopback(ControlPlane controlPlane) {
    assertThat(controlPlane.backend()).isEqualTo(Backend.PROCESS);
    assertThat(controlPlane.etcdEndpoint().getHost()).isEqualTo("127.0.0.1");
  }
}
