package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.internal.Poll;
import io.github.etcdregistry.pki.ClusterPki;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The nodes kwok plays the kubelet of: {@code node-1} to {@code node-n}, spread over the zones {@code zone-a},
 * {@code zone-b} and {@code zone-c} ({@code topology.kubernetes.io/zone}), each labelled with its
 * {@code kubernetes.io/hostname} as a kubelet labels its node, and with room for 110 Pods. They count as there once
 * Ready and free of the {@code node.kubernetes.io/not-ready} taint, which kube-controller-manager then removes.
 */
public final class SimulatedNodes {

  /** The annotation that hands a node to kwok, as its own examples have it. */
  public static final String MANAGED_BY = "kwok.x-k8s.io/node=fake";
  private static final List<String> ZONES = List.of("zone-a", "zone-b", "zone-c");
  private static final String NOT_READY_TAINT = "node.kubernetes.io/not-ready";
  private static final String NODE_LEASES = "kube-node-lease";

  private SimulatedNodes() {}

  /** The name of node {@code i}, from 1. */
  public static String name(int i) {
    return "node-" + i;
  }

  /** Creates the {@code count} nodes that do not exist yet and waits until every one is Ready and schedulable. */
  static void ensure(int count, URI kubeApiServer, ClusterPki pki, StartupTimeout timeout) {
    try (KubernetesClient client = adminClient(kubeApiServer, pki)) {
      Map<String, Node> existing = nodesByName(client);
      IntStream.rangeClosed(1, count).mapToObj(SimulatedNodes::node)
          .filter(node -> !existing.containsKey(node.getMetadata().getName()))
          .forEach(node -> client.nodes().resource(node).create());
      Poll.Result<List<String>> waited = Poll.atMost(timeout.duration()).every(Duration.ofMillis(100)).until(() -> {
        Map<String, Node> nodes = nodesByName(client); // one list a round, however many nodes
        return IntStream.rangeClosed(1, count).mapToObj(SimulatedNodes::name).filter(name -> !schedulable(nodes.get(name))).toList();
      }, List::isEmpty);
      if (waited.outcome() == Poll.Outcome.INTERRUPTED) {
        throw new ControlPlaneException("Interrupted while waiting for the simulated nodes");
      }
      if (waited.outcome() != Poll.Outcome.MET) {
        throw new ControlPlaneException("The simulated nodes " + waited.last() + " were not Ready within " + timeout.duration().toSeconds()
            + " s: kwok plays their kubelet, and kube-controller-manager removes their " + NOT_READY_TAINT + " taint. Raise the"
            + " timeout with " + timeout.knob());
      }
    }
  }

  /**
   * Deletes the nodes' Leases, before kwok starts again: each kwok takes a random identity, and would wait out the 40 s
   * of the leases the one before it holds before it plays those nodes.
   */
  static void releaseLeases(int count, URI kubeApiServer, ClusterPki pki) {
    try (KubernetesClient client = adminClient(kubeApiServer, pki)) {
      IntStream.rangeClosed(1, count).forEach(i -> client.leases().inNamespace(NODE_LEASES).withName(name(i)).delete());
    }
  }

  private static KubernetesClient adminClient(URI kubeApiServer, ClusterPki pki) {
    return new KubernetesClientBuilder()
        .withConfig(ClientCertificateConfig.of(kubeApiServer, pki.caCert(), pki.adminCert(), pki.adminKey()).build()).build();
  }

  private static Map<String, Node> nodesByName(KubernetesClient client) {
    return client.nodes().list().getItems().stream().collect(Collectors.toMap(node -> node.getMetadata().getName(), node -> node));
  }

  private static Node node(int i) {
    String name = name(i);
    Map<String, Quantity> room = Map.of("cpu", new Quantity("32"), "memory", new Quantity("256Gi"), "pods", new Quantity("110"));
    return new NodeBuilder().withNewMetadata().withName(name)
        .addToAnnotations("kwok.x-k8s.io/node", "fake")
        .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
        .addToLabels("kubernetes.io/hostname", name)
        .addToLabels("kubernetes.io/os", "linux")
        .addToLabels("kubernetes.io/arch", "amd64")
        .addToLabels("topology.kubernetes.io/zone", ZONES.get((i - 1) % ZONES.size()))
        .addToLabels("type", "kwok")
        .endMetadata()
        .withNewStatus().withAllocatable(room).withCapacity(room).endStatus()
        .build();
  }

  private static boolean schedulable(Node node) {
    if (node == null || node.getStatus() == null || node.getStatus().getConditions() == null) {
      return false;
    }
    boolean ready = node.getStatus().getConditions().stream()
        .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    boolean tainted = node.getSpec() != null && node.getSpec().getTaints() != null
        && node.getSpec().getTaints().stream().anyMatch(taint -> NOT_READY_TAINT.equals(taint.getKey()));
    return ready && !tainted;
  }
}
