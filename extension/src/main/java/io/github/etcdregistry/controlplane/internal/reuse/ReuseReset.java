package io.github.etcdregistry.controlplane.internal.reuse;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.internal.Poll;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryBaseline;
import io.github.etcdregistry.registry.RegistryEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A clean slate for each run on a reused control plane: the keeping JVM records what etcd holds once the control plane
 * has started ({@link #record}), and each run that attaches while no other run uses it puts etcd back to that
 * ({@link #reset}). Everything kube-apiserver and its controllers know follows etcd through their watches: an object
 * deleted in etcd is gone for them too.
 *
 * <p>The baseline lives in a file of the reuse directory, its owner's only (Secrets are in it), and the attaching JVM
 * resets: it already holds an etcd connection and the directory's lock, which keeps other runs from attaching meanwhile,
 * while the keeping JVM is reached through files only.
 *
 * <p>Left alone is what components keep renewing, where writing an old value back or deleting it would break them:
 * kube-apiserver's identity and the leader elections of kube-controller-manager and kube-scheduler (Leases in
 * {@code kube-system}: a leader whose Lease is gone or older than its own copy fails its renewals and exits), the
 * endpoint leases of kube-apiserver, and the Nodes of the baseline with their heartbeat Leases, whose status kwok keeps
 * current (an old status written back would flap their conditions). Nodes and Leases a run created are deleted.
 */
final class ReuseReset {

  /** etcd's transactions in a reused control plane hold this many operations, so that a reset takes one or a few. */
  static final int TXN_OPS = 10_000;
  private static final Duration QUIET = Duration.ofSeconds(2);
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);
  private static final Duration SERVED_LIMIT = Duration.ofSeconds(20);
  private static final String CRDS = "apiextensions.k8s.io/customresourcedefinitions/";
  /**
   * Written by every reset that changes something, with its own value: the watch cache of namespaces then sees the
   * reset's revision at once, instead of after a progress notification.
   */
  private static final String MARKER = "namespaces/default";

  private ReuseReset() {}

  /**
   * Whether the reset leaves the key (relative to the prefix, e.g. {@code leases/kube-system/kube-scheduler}) as it is,
   * neither deleting nor writing it back.
   */
  static boolean leftAlone(String key, boolean inBaseline) {
    if (key.startsWith("masterleases/") || key.startsWith("peerserverleases/") || key.startsWith("leases/kube-system/")) {
      return true;
    }
    return inBaseline && (key.startsWith("leases/") || key.startsWith("minions/"));
  }

  /**
   * In the keeping JVM, once its control plane has started: waits until kube-controller-manager's first writes are
   * done (nothing but renewals changed for a while), then records what etcd holds.
   */
  static RegistryBaseline record(EtcdRegistry registry) {
    String prefix = registry.prefix() + "/";
    AtomicReference<Map<String, Long>> last = new AtomicReference<>(Map.of());
    AtomicLong quietSince = new AtomicLong(System.nanoTime());
    Poll.atMost(SETTLE_LIMIT).every(Duration.ofMillis(250)).until(() -> {
      Map<String, Long> now = registry.entries(prefix).stream().filter(entry -> !leftAlone(relative(entry.key(), prefix), true))
          .collect(Collectors.toMap(RegistryEntry::key, RegistryEntry::modRevision));
      if (!now.equals(last.getAndSet(now))) {
        quietSince.set(System.nanoTime());
        return false;
      }
      return System.nanoTime() - quietSince.get() >= QUIET.toNanos();
    }); // still busy after the limit: recorded as it is, a later write of that component is then undone by each reset
    return RegistryBaseline.record(registry).withTransactionsOf(TXN_OPS);
  }

  /**
   * Puts etcd back to the baseline and waits until kube-apiserver has seen it: its watch cache at the reset's
   * revision, and no CRD the reset deleted served any more. Returns what was done, or empty when nothing had changed.
   */
  static Optional<String> reset(ReuseDirectory directory, EtcdRegistry registry, KubernetesClient kube) {
    long begin = System.nanoTime();
    // the first request to kube-apiserver (TLS handshake, the client's classes) overlaps with etcd's part
    CompletableFuture<?> kubeApiServerDialled = CompletableFuture.runAsync(kube::getKubernetesVersion);
    RegistryBaseline baseline = directory.readBaseline().orElseThrow(() -> new ControlPlaneException("The reused control plane in "
        + directory + " recorded no baseline to reset to; stop it (ControlPlane.stopReused()) to start afresh, or keep what earlier"
        + " runs left with -Detcdregistry.reuse.reset=false"));
    String prefix = registry.prefix() + "/";
    RegistryBaseline.Restored restored = baseline.withTransactionsOf(TXN_OPS)
        .restore(registry, key -> leftAlone(relative(key, prefix), baseline.contains(key)), prefix + MARKER);
    if (restored.revision() == 0) {
      return Optional.empty();
    }
    kubeApiServerDialled.exceptionally(failure -> null).join(); // a failure shows in the list that follows
    awaitWatchCache(kube, restored.revision());
    List<String> crds = restored.deleted().stream().map(key -> relative(key, prefix)).filter(key -> key.startsWith(CRDS))
        .map(key -> key.substring(CRDS.length())).toList();
    for (String crd : crds) {
      awaitNotServed(kube, crd);
    }
    return Optional.of(restored.deleted().size() + " keys deleted, " + restored.putBack() + " put back, in "
        + restored.transactions() + (restored.transactions() == 1 ? " transaction" : " transactions") + "; took "
        + (System.nanoTime() - begin) / 1_000_000 + " ms");
  }

  /**
   * A list at least as new as {@code revision}, served from the watch cache of namespaces once it has caught up: each
   * resource's cache has a watch of its own on etcd, which all see the reset's one revision at about the same time.
   */
  private static void awaitWatchCache(KubernetesClient kube, long revision) {
    kube.namespaces().list(new ListOptionsBuilder().withResourceVersion(Long.toString(revision))
        .withResourceVersionMatch("NotOlderThan").build());
  }

  /** {@code crd} is {@code <plural>.<group>}: waits until discovery lists no such resource in that group. */
  private static void awaitNotServed(KubernetesClient kube, String crd) {
    String plural = crd.substring(0, crd.indexOf('.'));
    String group = crd.substring(crd.indexOf('.') + 1);
    Poll.Result<Boolean> gone = Poll.atMost(SERVED_LIMIT).every(Duration.ofMillis(20)).until(() -> !served(kube, group, plural));
    if (gone.outcome() != Poll.Outcome.MET) {
      throw new ControlPlaneException("kube-apiserver still serves " + crd + " " + SERVED_LIMIT.toSeconds() + " s after the reset of the"
          + " reused control plane deleted its CustomResourceDefinition");
    }
  }

  private static boolean served(KubernetesClient kube, String group, String plural) {
    APIGroup served = kube.getApiGroup(group);
    if (served == null) {
      return false;
    }
    for (GroupVersionForDiscovery version : served.getVersions()) {
      APIResourceList resources = kube.getApiResources(version.getGroupVersion());
      if (resources != null && resources.getResources().stream().anyMatch(resource -> resource.getName().equals(plural))) {
        return true;
      }
    }
    return false;
  }

  private static String relative(String key, String prefix) {
    return key.startsWith(prefix) ? key.substring(prefix.length()) : key;
  }
}
