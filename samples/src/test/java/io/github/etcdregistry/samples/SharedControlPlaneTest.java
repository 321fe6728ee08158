package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.github.etcdregistry.junit.TestNamespace;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.junit.WithEtcdRegistry.Lifecycle;
import org.junit.jupiter.api.Test;

/** One kube-apiserver for every class that asks for the same; each test writes into a fresh namespace of its own. */
@WithEtcdRegistry(kubeApiServer = true, lifecycle = Lifecycle.SHARED)   // one apiserver for every such class
class SharedControlPlaneTest {

  @Test
  void storesOneOrder(TestNamespace namespace) {
    namespace.client().configMaps().inNamespace(namespace.name()).resource(order()).create();
    assertThatRegistry().keysUnder("/registry/configmaps/" + namespace.name() + "/").hasSize(1);
  }

  @Test
  void anotherTestSeesNoneOfTheOthersObjects(TestNamespace namespace) {
    namespace.client().configMaps().inNamespace(namespace.name()).resource(order()).create();
    assertThatRegistry().keysUnder("/registry/configmaps/" + namespace.name() + "/").hasSize(1);
  }

  private static ConfigMap order() {
    return new ConfigMapBuilder().withNewMetadata().withName("order-1").endMetadata().addToData("state", "new").build();
  }
}
