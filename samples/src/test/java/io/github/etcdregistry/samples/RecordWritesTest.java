package io.github.etcdregistry.samples;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryRecording;
import org.junit.jupiter.api.Test;

/** Record what a reconcile writes to etcd: an apply that changes nothing must not write. */
@WithEtcdRegistry(kubeApiServer = true)
class RecordWritesTest {

  @Test
  void applyingTheSameConfigTwiceWritesOnce(KubernetesClient kube, EtcdRegistry registry) {
    var config = new ConfigMapBuilder().withNewMetadata().withName("app").endMetadata().addToData("mode", "fast").build();
    try (RegistryRecording recording = registry.record()) {
      kube.configMaps().resource(config).fieldManager("my-operator").serverSideApply();
      kube.configMaps().resource(config).fieldManager("my-operator").serverSideApply(); // reconciled again, nothing changed

      assertThat(recording).writesTo("/registry/configmaps/default/app").hasSize(1);
      assertThat(recording).writesBy("my-operator").hasSize(1);
      assertThat(recording).noWritesUnder("/registry/secrets/");
      System.out.println(recording.summary());                // writes and bytes per manager, family and key
    }
  }
}
