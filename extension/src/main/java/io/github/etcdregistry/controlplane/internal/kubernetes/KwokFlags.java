package io.github.etcdregistry.controlplane.internal.kubernetes;

import java.util.List;
import java.util.stream.Stream;

/**
 * The command line of kwok for tests: the admin's kubeconfig, the simulated nodes it manages (those annotated
 * {@value SimulatedNodes#MANAGED_BY}), node Leases renewed as a kubelet does, the Stages it plays, and no server of
 * its own ({@code --server-address} left empty: no port).
 */
public final class KwokFlags {

  /** How long a node's Lease lasts; kwok renews it as a kubelet would, at a quarter of that. */
  static final int NODE_LEASE_SECONDS = 40;

  private KwokFlags() {}

  /** {@code stages}: the Stage files as kwok sees them; {@code extraFlags}: the user's own, last, so that they win. */
  public static List<String> of(String kubeconfig, List<String> stages, List<String> extraFlags) {
    return Stream.of(
        Stream.of(
            "--kubeconfig=" + kubeconfig,
            "--manage-nodes-with-annotation-selector=" + SimulatedNodes.MANAGED_BY,
            "--node-lease-duration-seconds=" + NODE_LEASE_SECONDS),
        stages.stream().map(stage -> "--config=" + stage),
        extraFlags.stream()).flatMap(flags -> flags).toList();
  }
}
