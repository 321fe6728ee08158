package io.github.etcdregistry.controlplane.internal.kubernetes;

import java.util.List;
import java.util.stream.Stream;

/**
 * The command line of kube-scheduler for tests: the admin's kubeconfig, no leader election (there is one), and no
 * serving port at all ({@code --secure-port=0}): nothing reads its metrics, so nothing needs to listen.
 */
public final class KubeSchedulerFlags {

  private KubeSchedulerFlags() {}

  /** {@code extraFlags}: the user's own, last, so that they win over these. */
  public static List<String> of(String kubeconfig, List<String> extraFlags) {
    return Stream.concat(Stream.of(
        "--kubeconfig=" + kubeconfig,
        "--secure-port=0",
        "--leader-elect=false"), extraFlags.stream()).toList();
  }
}
