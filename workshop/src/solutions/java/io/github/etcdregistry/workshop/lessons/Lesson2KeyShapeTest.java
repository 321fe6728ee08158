package io.github.etcdregistry.workshop.lessons;

import static io.github.etcdregistry.workshop.Blanks.___;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.workshop.Expect;
import io.github.etcdregistry.workshop.LessonObjects;
import io.github.etcdregistry.workshop.Workshop;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lesson 2 — The key shape {@code /registry/<resource>/<namespace>/<name>}.
 *
 * <p>In namespace {@code lesson2}: ConfigMap {@code settings}, Pod {@code nginx}, Deployment {@code web} (group
 * {@code apps}); cluster-wide: ClusterRole {@code lesson2-reader} and the Namespace {@code lesson2} itself.
 */
@Workshop
class Lesson2KeyShapeTest {

  private static KubernetesClient kube;

  @BeforeAll
  static void create(KubernetesClient client) {
    kube = client;
    LessonObjects.keyShape(kube);
  }

  @Test
  void aConfigMap() {
    Expect.keyOf(configMap("settings"), "/registry/configmaps/lesson2/settings");
  }

  @Test
  void aPod() {
    Expect.keyOf(kube.pods().inNamespace("lesson2").withName("nginx").get(), "/registry/pods/lesson2/nginx");
  }

  @Test
  void aDeploymentOfGroupApps() {
    // The group is not part of the key of a built-in resource.
    Expect.keyOf(kube.apps().deployments().inNamespace("lesson2").withName("web").get(), "/registry/deployments/lesson2/web");
  }

  @Test
  void aNamespaceIsClusterWide() {
    Expect.keyOf(kube.namespaces().withName("lesson2").get(), "/registry/namespaces/lesson2");
  }

  @Test
  void aClusterRoleIsClusterWide() {
    Expect.keyOf(kube.rbac().clusterRoles().withName("lesson2-reader").get(), "/registry/clusterroles/lesson2-reader");
  }

  private static HasMetadata configMap(String name) {
    return kube.configMaps().inNamespace("lesson2").withName(name).get();
  }
}
