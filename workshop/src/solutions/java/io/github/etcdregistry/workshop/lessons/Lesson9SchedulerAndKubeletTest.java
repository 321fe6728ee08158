package io.github.etcdregistry.workshop.lessons;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static io.github.etcdregistry.workshop.Blanks.___;
import static io.github.etcdregistry.workshop.Blanks.___N;
import static io.github.etcdregistry.workshop.Blanks.todo;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RecordedWrite;
import io.github.etcdregistry.registry.RegistryRecording;
import io.github.etcdregistry.workshop.Expect;
import io.github.etcdregistry.workshop.LessonObjects;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 9 — What the scheduler and the kubelet write.
 *
 * <p>A control plane of its own, with three simulated nodes, node-1 to node-3: kube-scheduler binds Pods to them and
 * kwok plays their kubelet. In namespace {@code lesson9}: Pod {@code nginx}, Deployment {@code web} (2 replicas) and
 * Service {@code web} selecting its Pods. Everything the lesson's objects caused was recorded, write by write.
 */
@WithEtcdRegistry(kubeApiServer = true, nodes = 3)
class Lesson9SchedulerAndKubeletTest {

  private static final String POD_KEY = "/registry/pods/lesson9/nginx";

  private static KubernetesClient kube;
  private static RegistryRecording recording;

  @BeforeAll
  static void create(KubernetesClient client, EtcdRegistry registry) {
    kube = client;
    recording = registry.record();
    LessonObjects.schedulerAndKubelet(kube);
    recording.stop();
  }

  @Test
  void eachNodeAndItsHeartbeat() {
    // kwok registered node-1 to node-3 as their kubelets would: where is node-1 stored? (lesson 6 met the name)
    Expect.keyOf(kube.nodes().withName("node-1").get(), "/registry/minions/node-1");
    // A kubelet's heartbeat is a Lease named like its node, in namespace kube-node-lease: where is node-1's?
    Expect.keyOf(kube.leases().inNamespace("kube-node-lease").withName("node-1").get(), "/registry/leases/kube-node-lease/node-1");
  }

  @Test
  void theSchedulerBindsThePodToANode(EtcdRegistry registry) {
    String node = kube.pods().inNamespace("lesson9").withName("nginx").get().getSpec().getNodeName();
    // Pod nginx was created without a node; kube-scheduler chose one. Is etcd's copy bound to it?
    assertThatRegistry().hasPod("lesson9", "nginx").isScheduledOn(node);
    // It said so in an Event, stored under /registry/events/lesson9/nginx.<id>: with which reason?
    String eventKey = firstEventAbout("nginx", registry);
    Expect.text("the reason of the first Event about Pod lesson9/nginx", event(eventKey, registry).getReason(), "Scheduled", eventKey);
  }

  @Test
  void theKubeletWritesThePodsStatus(EtcdRegistry registry) {
    Pod stored = registry.get(POD_KEY).orElseThrow().decode().as(Pod.class);
    // The Pod's kubelet started its container: which phase does etcd hold now?
    Expect.text("the phase of the stored Pod lesson9/nginx", stored.getStatus().getPhase(), "Running",
        "the kubelet reports Pending until the Pod's containers run, then Running (kwok plays the kubelet here)");
    // And the status of its condition of type Ready: True, False or Unknown?
    Expect.text("the status of the stored Pod's Ready condition", readyStatus(stored), "True",
        "Ready turns True once every container is ready: only then does the Pod serve behind a Service");
  }

  @Test
  void theEndpointSliceListsTheReadyPods(EtcdRegistry registry) {
    String key = registry.keys("/registry/endpointslices/lesson9/").get(0);
    EndpointSlice slice = registry.get(key).orElseThrow().decode().as(EndpointSlice.class);
    // Service web selects the Deployment's Pods: how many endpoints of its EndpointSlice are ready?
    long ready = slice.getEndpoints().stream().filter(endpoint -> Boolean.TRUE.equals(endpoint.getConditions().getReady())).count();
    Expect.number("how many ready endpoints the EndpointSlice of Service web lists", ready, 2,
        "the EndpointSlice controller lists each Pod the Service selects (the Deployment's, labelled app=web; not nginx),"
            + " ready once its Ready condition is True");
    // An endpoint's address is a field the kubelet wrote into its Pod's status: status.podIP or status.hostIP?
    Endpoint endpoint = slice.getEndpoints().get(0);
    Pod pod = registry.get("/registry/pods/lesson9/" + endpoint.getTargetRef().getName()).orElseThrow().decode().as(Pod.class);
    Expect.text("the field of the Pod that holds its endpoint's address", fieldHolding(endpoint.getAddresses().get(0), pod),
        "status.podIP", "the kubelet writes the IP the Pod got into status.podIP; status.hostIP is its node's address");
  }

  @Test
  void whoWroteWhat() {
    // Each recorded write names the field manager that made it (print recording.summary() for the table):
    // which manager wrote Pod nginx's status? A real node's kubelet writes as "kubelet".
    List<RecordedWrite> podWrites = recording.writesTo(POD_KEY);
    Expect.text("the field manager of the last write to " + POD_KEY, podWrites.get(podWrites.size() - 1).manager().orElse("-"), "kwok",
        "kwok stands in for the kubelet of every simulated node, and writes under its own name");
    // kube-scheduler placed 3 Pods: how many writes carry its name?
    Expect.number("how many writes name kube-scheduler as field manager", recording.writesBy("kube-scheduler").size(), 3,
        "kube-scheduler wrote one Scheduled Event per Pod; its bindings (spec.nodeName) go through the Pod's binding"
            + " subresource, which records no field manager");
  }

  /** The key of the earliest Event whose involved object is the Pod {@code name}. */
  private static String firstEventAbout(String name, EtcdRegistry registry) {
    return registry.keys("/registry/events/lesson9/").stream()
        .filter(key -> name.equals(event(key, registry).getInvolvedObject().getName()))
        .min(Comparator.comparing(key -> registry.get(key).orElseThrow().createRevision()))
        .orElseThrow(() -> new AssertionError("No Event about Pod lesson9/" + name + " under /registry/events/lesson9/"));
  }

  private static Event event(String key, EtcdRegistry registry) {
    return registry.get(key).orElseThrow().decode().as(Event.class);
  }

  private static String readyStatus(Pod pod) {
    return pod.getStatus().getConditions().stream().filter(condition -> "Ready".equals(condition.getType()))
        .map(condition -> condition.getStatus()).findFirst().orElse("(no Ready condition)");
  }

  private static String fieldHolding(String address, Pod pod) {
    if (address.equals(pod.getStatus().getPodIP())) {
      return "status.podIP";
    }
    return address.equals(pod.getStatus().getHostIP()) ? "status.hostIP" : "(neither)";
  }
}
