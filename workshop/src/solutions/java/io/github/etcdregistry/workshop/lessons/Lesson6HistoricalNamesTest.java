package io.github.etcdregistry.workshop.lessons;

import static io.github.etcdregistry.workshop.Blanks.___;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.workshop.Expect;
import io.github.etcdregistry.workshop.LessonObjects;
import io.github.etcdregistry.workshop.Workshop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 6 — Historical names: minions, services/specs, controllers.
 *
 * <p>Node {@code lesson6-worker} (no kubelet behind it); in namespace {@code lesson6}: Service {@code web},
 * ReplicationController {@code legacy}, Ingress {@code web}. Renaming a key family would strand every existing
 * cluster's data, so the first names stayed.
 */
@Workshop
class Lesson6HistoricalNamesTest {

  private static KubernetesClient kube;

  @BeforeAll
  static void create(KubernetesClient client) {
    kube = client;
    LessonObjects.historicalNames(kube);
  }

  @Test
  void whereANodeIsStored() {
    Expect.keyOf(kube.nodes().withName("lesson6-worker").get(), "/registry/minions/lesson6-worker");
  }

  @Test
  void whereAServiceIsStored() {
    Expect.keyOf(kube.services().inNamespace("lesson6").withName("web").get(), "/registry/services/specs/lesson6/web");
  }

  @Test
  void whereAReplicationControllerIsStored() {
    Expect.keyOf(kube.replicationControllers().inNamespace("lesson6").withName("legacy").get(), "/registry/controllers/lesson6/legacy");
  }

  @Test
  void whereAnIngressIsStored() {
    Expect.keyOf(kube.network().v1().ingresses().inNamespace("lesson6").withName("web").get(), "/registry/ingress/lesson6/web");
  }
}
