package io.github.etcdregistry.controlplane.internal.reuse;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.controlplane.internal.ExistingCluster;
import io.github.etcdregistry.controlplane.internal.OwnedCluster;
import io.github.etcdregistry.controlplane.internal.RunningCluster;
import io.github.etcdregistry.controlplane.internal.kubernetes.KubeApiServer;
import io.github.etcdregistry.registry.EtcdRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane another JVM keeps running for reuse across runs ({@link ReusedControlPlanes}), attached to as an
 * {@link ExistingCluster} while this run holds its lease. It is shared with later runs, so it is not changed from here;
 * what runs left in it is undone when the next one attaches.
 */
public final class ReusedCluster implements RunningCluster {

  private final ReusedControlPlanes.Lease lease;
  private final ExistingCluster attached;

  private ReusedCluster(ReusedControlPlanes.Lease lease, ExistingCluster attached) {
    this.lease = lease;
    this.attached = attached;
  }

  /**
   * Attaches to the leased control plane, with {@code reset} putting it back to its baseline ({@link ReuseReset}) unless
   * another run uses it now: its tests would lose what they made. A failure gives the lease back.
   */
  static ReusedCluster attach(ReusedControlPlanes.Lease lease, boolean reset) {
    ExistingCluster attached = null;
    try {
      attached = ExistingCluster.attach(lease.state().settings());
      if (reset && lease.alone()) {
        ReuseReset.reset(lease.directory(), attached.registry(), attached.kubernetesClient())
            .ifPresent(done -> ReusedControlPlanes.log("the reused control plane was put back to how it was when it had started: " + done));
      } else if (reset) {
        ReusedControlPlanes.logOnce("the reused control plane is not put back to how it was when it had started: another run uses it"
            + " now, and its tests would lose what they made");
      }
      return new ReusedCluster(lease, attached);
    } catch (RuntimeException e) {
      if (attached != null) {
        try {
          attached.close();
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
      }
      lease.close();
      throw e;
    }
  }

  @Override
  public Backend backend() {
    return Backend.EXISTING;
  }

  @Override
  public URI etcdEndpoint() {
    return attached.etcdEndpoint();
  }

  @Override
  public EtcdRegistry registry() {
    return attached.registry();
  }

  @Override
  public Optional<KubeApiServer> kubeApiServer() {
    return attached.kubeApiServer();
  }

  @Override
  public Path kubeconfig() {
    return attached.kubeconfig();
  }

  @Override
  public KubernetesClient kubernetesClient() {
    return attached.kubernetesClient();
  }

  /** As the keeping JVM recorded it: no request needed. */
  @Override
  public KubernetesVersion kubernetesVersion() {
    return KubernetesVersion.parse(lease.state().kubernetesVersion());
  }

  @Override
  public Map<String, String> existingClusterSettings() {
    return lease.state().attachSettings();
  }

  @Override
  public String etcdctlCommand() {
    return attached.etcdctlCommand();
  }

  @Override
  public String recentLogs() {
    return "(a control plane reused across runs: its components' logs are in " + lease.logFile() + ")";
  }

  /** The keeping JVM watches its components; this run sees a failure as their answers, as with any existing cluster. */
  @Override
  public Optional<String> failure() {
    return attached.failure();
  }

  @Override
  public Optional<String> unavailable() {
    return attached.unavailable();
  }

  @Override
  public OwnedCluster owned(String why) {
    throw new IllegalStateException("This control plane is reused across runs (etcdregistry.reuse=true): it runs on for later"
        + " runs and is shared with them, so it is not changed from here: " + why + ". A test that needs a control plane of its"
        + " own runs without reuse (-Detcdregistry.reuse=false)");
  }

  @Override
  public void close() {
    try {
      attached.close();
    } finally {
      lease.close();
    }
  }

  @Override
  public String toString() {
    return "reused, " + attached.kubeApiServer().map(Object::toString).orElse("");
  }
}
