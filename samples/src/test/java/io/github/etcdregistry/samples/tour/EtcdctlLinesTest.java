package io.github.etcdregistry.samples.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcdctlLinesTest {

  private static final String COMMAND = "etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/pki/etcd/ca.crt"
      + " --cert=/pki/apiserver-etcd-client.crt --key=/pki/apiserver-etcd-client.key get /registry --prefix --keys-only";

  @Test
  void theBuiltEtcdctlIsNamedWhenKnown() {
    assertThat(EtcdctlLines.of(COMMAND, Optional.of("/cache/etcd-v3.6.16/etcdctl"), "/registry/pods/tour/nginx"))
        .containsExactly(
            "/cache/etcd-v3.6.16/etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/pki/etcd/ca.crt"
                + " --cert=/pki/apiserver-etcd-client.crt --key=/pki/apiserver-etcd-client.key get /registry --prefix --keys-only",
            "/cache/etcd-v3.6.16/etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/pki/etcd/ca.crt"
                + " --cert=/pki/apiserver-etcd-client.crt --key=/pki/apiserver-etcd-client.key"
                + " get /registry/pods/tour/nginx --print-value-only | od -A x -t x1z | head -20");
  }

  @Test
  void otherwiseTheOneOnThePathIsUsed() {
    assertThat(EtcdctlLines.of(COMMAND, Optional.empty(), "/registry/minions/worker-1"))
        .first().isEqualTo(COMMAND);
    assertThat(EtcdctlLines.of(COMMAND, Optional.empty(), "/registry/minions/worker-1").get(1))
        .startsWith("etcdctl --endpoints=").contains(" get /registry/minions/worker-1 --print-value-only");
  }
}
