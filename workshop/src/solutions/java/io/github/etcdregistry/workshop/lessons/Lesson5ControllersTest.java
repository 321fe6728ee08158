package io.github.etcdregistry.workshop.lessons;

import static io.github.etcdregistry.workshop.Blanks.___;
import static io.github.etcdregistry.workshop.Blanks.___N;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.workshop.Expect;
import io.github.etcdregistry.workshop.LessonObjects;
import io.github.etcdregistry.workshop.Workshop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 5 — What controllers write.
 *
 * <p>In namespace {@code lesson5}, created through the API: Deployment {@code web} (2 replicas), Service {@code web}
 * selecting its Pods, DaemonSet {@code agent}. Everything else under {@code lesson5} kube-controller-manager wrote
 * in answer. No scheduler or kubelet runs: the Pods stay Pending, and the Endpoints list no address.
 */
@Workshop
class Lesson5ControllersTest {

  private static KubernetesClient kube;

  @BeforeAll
  static void create(KubernetesClient client) {
    kube = client;
    LessonObjects.controllers(kube);
  }

  @Test
  void whatADeploymentBecomes() {
    // How many ReplicaSets, and how many Pods, are stored in namespace lesson5?
    Expect.countUnder("/registry/replicasets/lesson5/", 1);
    Expect.countUnder("/registry/pods/lesson5/", 2);
  }

  @Test
  void aPodNamesItsOwner(EtcdRegistry registry) {
    Pod pod = kube.pods().inNamespace("lesson5").list().getItems().get(0);
    String key = "/registry/pods/lesson5/" + pod.getMetadata().getName();
    // Which kind of object owns the Pods (metadata.ownerReferences in the stored Pod)?
    Expect.text("the kind that owns the Deployment's Pods",
        registry.get(key).orElseThrow().decode().as(Pod.class).getMetadata().getOwnerReferences().get(0).getKind(),
        "ReplicaSet", key);
  }

  @Test
  void whatAServiceGets() {
    // The Endpoints are named like the Service: where are they? (not under /registry/endpoints)
    Expect.keyOf(kube.endpoints().inNamespace("lesson5").withName("web").get(), "/registry/services/endpoints/lesson5/web");
    // EndpointSlices are named <service>-<random>: how many are there for the one Service?
    Expect.countUnder("/registry/endpointslices/lesson5/", 1);
  }

  @Test
  void aDaemonSetKeepsItsTemplateInAControllerRevision() {
    Expect.countUnder("/registry/controllerrevisions/lesson5/", 1);
    ControllerRevision revision = kube.apps().controllerRevisions().inNamespace("lesson5").list().getItems().get(0);
    // It is named agent-<hash of the Pod template>: what is its key?
    Expect.keyOf(revision, "/registry/controllerrevisions/lesson5/" + revision.getMetadata().getName());
  }
}
