package io.github.etcdregistry.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.github.etcdregistry.registry.StorageTable.Example;
import io.github.etcdregistry.registry.StorageTable.StoredResource;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The key layout against Kubernetes' own table of where each resource is stored, for every version with a table. */
class StorageTableTest {

  private static final String NAMESPACE = "etcdstoragepathtestnamespace";

  private final KeyLayout layout = KeyLayout.standard();

  static List<String> versions() {
    return StorageTable.versions();
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void everyResourceOfDataGoGetsItsKeyFromTheLayout(String version) {
    List<Example> rows = StorageTable.of(version).examples();
    assertThat(rows).hasSizeGreaterThan(80);
    assertSoftly(softly -> {
      for (Example row : rows) {
        String key = row.key(NAMESPACE);
        String name = key.substring(key.lastIndexOf('/') + 1);
        softly.assertThat(layout.keyOf(row.group(), row.resource(), row.namespaced() ? NAMESPACE : null, name))
            .as("keyOf %s/%s/%s", row.group(), row.version(), row.resource()).isEqualTo(key);
      }
    });
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void everyKeyOfDataGoIsRecognisedAndDescribed(String version) {
    assertSoftly(softly -> {
      for (Example row : StorageTable.of(version).examples()) {
        String key = row.key(NAMESPACE);
        String name = key.substring(key.lastIndexOf('/') + 1);
        String object = row.namespaced() ? name + " in namespace " + NAMESPACE : name;
        String what = row.group() + "/" + row.version() + "/" + row.resource();
        if (isCustom(row.group())) {
          softly.assertThat(layout.resourceOf(key)).as("resourceOf %s", what).isEmpty();
          softly.assertThat(layout.describe(key)).as("describe %s", what)
              .startsWith("custom resource " + row.group() + "/" + row.resource() + " " + object);
          continue;
        }
        softly.assertThat(layout.resource(row.group(), row.resource()).kind()).as("kind of %s", what).isEqualTo(row.storedKind());
        softly.assertThat(layout.resourceOf(key)).as("resourceOf %s", what)
            .hasValueSatisfying(type -> assertThat(layout.prefix() + "/" + type.segment() + "/").isEqualTo(row.keyPrefix()));
        softly.assertThat(layout.describe(key)).as("describe %s", what).startsWith(row.storedKind() + " " + object);
      }
    });
  }

  @ParameterizedTest(name = "Kubernetes {0}")
  @MethodSource("versions")
  void theServedVersionsOfAResourceAgreeOnWhereAndHowItIsStored(String version) {
    StorageTable table = StorageTable.of(version);
    var byResource = table.examples().stream().collect(Collectors.groupingBy(row -> row.group() + "/" + row.resource()));
    assertThat(table.resources()).hasSize(byResource.size());
    byResource.forEach((resource, rows) -> assertThat(rows.stream()
        .map(row -> List.of(row.keyPrefix(), row.namespaced(), row.storedApiVersion(), row.storedKind())).distinct())
        .as("how the served versions of %s are stored", resource).hasSize(1));
  }

  @Test
  void aLookupTellsTheStoredVersionKindAndKeyPrefix() {
    StorageTable table = StorageTable.of("v1.37.2");
    assertThat(table.lookup("certificates.k8s.io", "clustertrustbundles")).hasValue(new StoredResource("certificates.k8s.io",
        "clustertrustbundles", "certificates.k8s.io/v1beta1", "ClusterTrustBundle", "/registry/clustertrustbundles/", false,
        List.of("v1", "v1beta1")));
    assertThat(table.lookup("", "pods")).hasValueSatisfying(pods -> {
      assertThat(pods.storedApiVersion()).isEqualTo("v1");
      assertThat(pods.storedKind()).isEqualTo("Pod");
      assertThat(pods.keyPrefix()).isEqualTo("/registry/pods/");
      assertThat(pods.namespaced()).isTrue();
    });
    assertThat(table.lookup("events.k8s.io", "events")).map(StoredResource::storedApiVersion).hasValue("v1");
    assertThat(table.lookup("autoscaling", "horizontalpodautoscalers")).map(StoredResource::storedApiVersion).hasValue("autoscaling/v2");
    assertThat(table.lookup("lifecycle.k8s.io", "evictions")).map(StoredResource::keyPrefix).hasValue("/registry/evictions/");
    assertThat(table.lookup("apps", "nothings")).isEmpty();
  }

  @Test
  void aMinorVersionPicksItsNewestTable() {
    assertThat(StorageTable.of("1.37").kubernetesVersion()).isEqualTo("v1.37.2");
    assertThat(StorageTable.of("1.37.2").kubernetesVersion()).isEqualTo("v1.37.2");
    assertThat(StorageTable.of(StorageTable.DEFAULT_VERSION).kubernetesVersion()).isEqualTo(StorageTable.DEFAULT_VERSION);
    assertThat(StorageTable.versions()).contains("v1.35.4", "v1.36.3", "v1.37.2");
  }

  @Test
  void aVersionWithoutTableIsRefusedWithTheRemedy() {
    assertThatIllegalArgumentException().isThrownBy(() -> StorageTable.of("1.31"))
        .withMessageContaining("No storage table for Kubernetes 1.31")
        .withMessageContaining("v1.37.2")
        .withMessageContaining("control-plane/storage-tables v1.31");
  }

  /** Kubernetes reserves k8s.io for its own groups; data.go's other groups belong to its custom resource definitions. */
  private static boolean isCustom(String group) {
    return group.contains(".") && !group.endsWith(".k8s.io");
  }
}
