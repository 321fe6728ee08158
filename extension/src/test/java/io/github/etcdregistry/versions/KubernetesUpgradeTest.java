package io.github.etcdregistry.versions;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.junit.WithEtcdRegistry;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.registry.RegistryEntry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A cluster upgrade as it happens to etcd: objects written by kube-apiserver 1.35, then 1.37 started on the same
 * etcd and certificates. Nothing is rewritten by the upgrade; objects whose storage version changed between the two
 * releases stay stored at the old one until something writes them again. VolumeAttributesClass is such a type:
 * 1.35 stores it as {@code storage.k8s.io/v1beta1} (kept for downgrades after it went GA), 1.36 on as {@code v1}.
 */
// --8<-- [start:upgrade]
@WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS, kubernetesVersion = "1.35")
class KubernetesUpgradeTest {

  private static final String CLASSES = "/registry/volumeattributesclasses/";
  private static final String SETTINGS = "/registry/configmaps/default/settings";

  @Test
  void objectsStayStoredAtTheOldVersionUntilWrittenAgain(ControlPlane controlPlane, EtcdRegistry registry) {
    assertThat(controlPlane.kubernetesVersion()).hasToString("v1.35.4");
    KubernetesClient kube135 = controlPlane.kubernetesClient();
    kube135.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata()
        .addToData("mode", "fast").build()).create();
    for (String name : List.of("fast", "slow")) {
      kube135.genericKubernetesResources("storage.k8s.io/v1", "VolumeAttributesClass").resource(volumeAttributesClass(name)).create();
    }
    assertThatRegistry().hasKey(CLASSES + "fast").isProtobuf().hasStoredApiVersion("storage.k8s.io/v1beta1");
    Map<String, Long> writtenBy135 = modRevisions(registry);

    controlPlane.switchKubernetesVersion("1.37");

    assertThat(controlPlane.kubernetesVersion()).hasToString("v1.37.2");
    assertThat(modRevisions(registry)).as("nothing is rewritten by the upgrade itself").isEqualTo(writtenBy135);
    assertThatRegistry().hasKey(CLASSES + "fast").hasStoredApiVersion("storage.k8s.io/v1beta1");
    assertThatRegistry().hasKey(SETTINGS).hasStoredApiVersion("v1");

    KubernetesClient kube137 = controlPlane.kubernetesClient();
    GenericKubernetesResource fast = kube137.genericKubernetesResources("storage.k8s.io/v1", "VolumeAttributesClass").withName("fast").get();
    assertThat(fast.<String>get("driverName")).as("1.37 reads what 1.35 stored").isEqualTo("csi.example.com");
    kube137.genericKubernetesResources("storage.k8s.io/v1", "VolumeAttributesClass").withName("fast")
        .edit(vac -> new GenericKubernetesResourceBuilder(vac).editMetadata().addToLabels("tier", "gold").endMetadata().build());

    assertThatRegistry().hasKey(CLASSES + "fast").hasStoredApiVersion("storage.k8s.io/v1").hasVersion(2);
    assertThat(storedApiVersions(registry)).as("the storage-version audit: what still waits for a rewrite")
        .containsEntry(CLASSES + "fast", "storage.k8s.io/v1")
        .containsEntry(CLASSES + "slow", "storage.k8s.io/v1beta1");
    assertThat(registry.get(CLASSES + "slow").orElseThrow().modRevision()).isEqualTo(writtenBy135.get(CLASSES + "slow"));
  }
  // --8<-- [end:upgrade]

  @Test
  void aVersionThatIsNotBuiltIsRefusedAndTheRunningOneKeepsServing(ControlPlane controlPlane) {
    String before = controlPlane.kubernetesVersion().toString();

    assertThatThrownBy(() -> controlPlane.switchKubernetesVersion("1.99.0"))
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("kube-apiserver v1.99.0")
        .hasMessageContaining("io.github.etcdregistry.binaries:kubernetes:1.99.0");

    assertThat(controlPlane.kubernetesVersion()).hasToString(before);
    assertThat(controlPlane.kubernetesClient().namespaces().withName("default").get()).isNotNull();
  }

  private static GenericKubernetesResource volumeAttributesClass(String name) {
    return new GenericKubernetesResourceBuilder().withApiVersion("storage.k8s.io/v1").withKind("VolumeAttributesClass")
        .withNewMetadata().withName(name).endMetadata()
        .withAdditionalProperties(Map.of("driverName", "csi.example.com", "parameters", Map.of("iops", name.equals("fast") ? "5000" : "500")))
        .build();
  }

  private static Map<String, Long> modRevisions(EtcdRegistry registry) {
    Map<String, Long> revisions = new TreeMap<>();
    for (String prefix : List.of(CLASSES, SETTINGS)) {
      registry.entries(prefix).forEach(entry -> revisions.put(entry.key(), entry.modRevision()));
    }
    return revisions;
  }

  private static Map<String, String> storedApiVersions(EtcdRegistry registry) {
    Map<String, String> versions = new TreeMap<>();
    for (RegistryEntry entry : registry.entries(CLASSES)) {
      versions.put(entry.key(), entry.stored().apiVersion().orElse("?"));
    }
    return versions;
  }
}
