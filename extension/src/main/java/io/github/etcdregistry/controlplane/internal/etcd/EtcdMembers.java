package io.github.etcdregistry.controlplane.internal.etcd;

import io.github.etcdregistry.controlplane.EtcdMember;
import io.github.etcdregistry.controlplane.internal.HttpsProbe;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.internal.Poll;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The members of a started etcd as a test stops and starts them, and what a stop leaves unavailable: a cluster that
 * lost its quorum, or the only member stopped.
 */
public final class EtcdMembers {

  private final EtcdServer etcd;
  private final HttpsProbe probe;
  private final StartupTimeout timeout;
  private volatile boolean singleStopped; // a deliberate stop of the only member: no failure, but nothing answers

  public EtcdMembers(EtcdServer etcd, HttpsProbe probe, StartupTimeout timeout) {
    this.etcd = etcd;
    this.probe = probe;
    this.timeout = timeout;
  }

  /** Empty while etcd answers; else why not, until a member starts again. */
  public Optional<String> unavailable() {
    if (etcd instanceof EtcdCluster cluster) {
      return cluster.quorumProblem();
    }
    return singleStopped
        ? Optional.of("etcd was stopped with etcdMember(0).stop(); start it again with controlPlane.etcdMember(0).start()")
        : Optional.empty();
  }

  public EtcdMember member(int index) {
    List<RestartableEtcd> members = etcd instanceof EtcdCluster cluster ? cluster.members() : List.of((RestartableEtcd) etcd);
    if (index < 0 || index >= members.size()) {
      throw new IndexOutOfBoundsException(outOfRange(index, members.size()));
    }
    RestartableEtcd member = members.get(index);
    return new EtcdMember() {
      @Override
      public String name() {
        return member.name();
      }

      @Override
      public URI clientUrl() {
        return member.clientUrl();
      }

      @Override
      public boolean isRunning() {
        return member.isRunning();
      }

      @Override
      public void stop() {
        singleStopped = !(etcd instanceof EtcdCluster);
        member.stop();
        if (etcd instanceof EtcdCluster cluster && cluster.quorumProblem().isEmpty()) {
          awaitLeader(cluster);
        }
      }

      @Override
      public void start() {
        member.restart(timeout);
        singleStopped = false;
      }

      @Override
      public String toString() {
        return member.toString();
      }
    };
  }

  /** Which indexes there are; more members only help an index past the last. */
  static String outOfRange(int index, int count) {
    String valid = count == 1 ? "etcd has 1 member, etcdMember(0)" : "etcd has " + count + " members, etcdMember(0) to etcdMember(" + (count - 1) + ")";
    if (index < 0) {
      return "etcdMember(" + index + "): members are numbered from 0; " + valid;
    }
    return "etcdMember(" + index + "): " + valid + "; for member " + index + ", ask for etcdMembers = " + (index + 1)
        + ": withEtcdMembers(" + (index + 1) + ") or @WithEtcdRegistry(etcdMembers = " + (index + 1) + ")";
  }

  /**
   * Returns once a running member reports itself healthy, which etcd does only while the cluster has a leader: when
   * the stopped member led, the others elect a new one first, and a write made meanwhile fails ("request timed out,
   * possibly due to previous leader failure"). Gives up quietly at the timeout; the next call then says what is wrong.
   */
  private void awaitLeader(EtcdCluster cluster) {
    Poll.atMost(timeout.duration()).every(Duration.ofMillis(20))
        .until(() -> cluster.members().stream().anyMatch(member -> member.isRunning() && EtcdFlags.healthy(probe, member.clientUrl())));
  }
}
