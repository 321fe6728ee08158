package io.github.etcdregistry.controlplane.internal.etcd;

import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.internal.Closer;
import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Several etcd members forming one raft cluster, started side by side (none is healthy before a majority runs).
 * Writes go on while a majority runs; below that the cluster has lost its quorum, which {@link #quorumProblem()}
 * names.
 */
public final class EtcdCluster implements EtcdServer {

  private final List<RestartableEtcd> members;

  public EtcdCluster(List<RestartableEtcd> members) {
    this.members = List.copyOf(members);
  }

  /** {@code etcd-0=https://<host 0>:<peer port 0>,etcd-1=...}: every member's peer URL, as each must be told. */
  private static String initialCluster(List<String> names, List<String> peerUrls) {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      entries.add(names.get(i) + "=" + peerUrls.get(i));
    }
    return String.join(",", entries);
  }

  /**
   * Members whose addresses are chosen before any starts, since each must know every other's peer URL; each gets its
   * own peer certificate from the etcd CA.
   *
   * @param host the address member {@code i} advertises to clients
   * @param peerUrl the URL the others reach member {@code i} at
   * @param member creates member {@code i} from its flags
   */
  public static EtcdCluster form(ClusterPki pki, int size, PkiPaths files, IntFunction<String> host, IntFunction<String> peerUrl,
      BiFunction<Integer, EtcdFlags.Member, RestartableEtcd> member) {
    List<String> names = IntStream.range(0, size).mapToObj(EtcdCluster::memberName).toList();
    names.forEach(name -> pki.issueEtcdPeerCertificate(name, List.of(), List.of()));
    String initialCluster = initialCluster(names, IntStream.range(0, size).mapToObj(peerUrl).toList());
    return new EtcdCluster(IntStream.range(0, size)
        .mapToObj(i -> member.apply(i, EtcdFlags.Member.ofCluster(names.get(i), host.apply(i), initialCluster, files)))
        .toList());
  }

  public static String memberName(int index) {
    return "etcd-" + index;
  }

  public List<RestartableEtcd> members() {
    return members;
  }

  @Override
  public void start(StartupTimeout timeout) {
    List<CompletableFuture<Void>> starts = members.stream()
        .map(member -> CompletableFuture.runAsync(() -> member.start(timeout)))
        .toList();
    RuntimeException failure = null;
    for (CompletableFuture<Void> start : starts) {
      try {
        start.join();
      } catch (CompletionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** The first running member's URL. */
  @Override
  public URI clientUrl() {
    return members.stream().filter(RestartableEtcd::isRunning).findFirst().orElse(members.get(0)).clientUrl();
  }

  @Override
  public List<URI> clientUrls() {
    return members.stream().map(RestartableEtcd::clientUrl).toList();
  }

  @Override
  public URI clientUrlForApiServer() {
    return members.get(0).clientUrlForApiServer();
  }

  @Override
  public String etcdServersForApiServer() {
    return members.stream().map(member -> member.clientUrlForApiServer().toString()).collect(Collectors.joining(","));
  }

  @Override
  public String recentLogs() {
    return members.stream().map(member -> member.name() + ":" + System.lineSeparator() + member.recentLogs())
        .collect(Collectors.joining(System.lineSeparator()));
  }

  /** A member that exited on its own is a failure only once the rest no longer make a majority. */
  @Override
  public Optional<String> exitReport() {
    List<String> crashed = members.stream().flatMap(member -> member.exitReport().stream()).toList();
    if (crashed.isEmpty() || quorumProblem().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(quorumProblem().get() + System.lineSeparator() + String.join(System.lineSeparator(), crashed));
  }

  /** Empty while a majority of members runs; else which are down, and how to get the quorum back. */
  public Optional<String> quorumProblem() {
    List<String> down = members.stream().filter(member -> !member.isRunning()).map(RestartableEtcd::name).toList();
    int majority = members.size() / 2 + 1;
    if (members.size() - down.size() >= majority) {
      return Optional.empty();
    }
    return Optional.of("etcd lost its quorum: " + (members.size() - down.size()) + " of " + members.size() + " members run, a majority"
        + " needs " + majority + " (down: " + String.join(", ", down) + "); kube-apiserver can neither read nor write until one"
        + " starts again, e.g. controlPlane.etcdMember(" + down.get(0).substring("etcd-".length()) + ").start()");
  }

  /** Stops every member, in order; the first failure is thrown with the others suppressed. */
  @Override
  public void close() {
    Closer closer = new Closer();
    for (int i = members.size() - 1; i >= 0; i--) { // the closer closes the last registered first
      closer.register(members.get(i));
    }
    closer.close();
  }

  @Override
  public String toString() {
    return "etcd cluster " + members;
  }
}
