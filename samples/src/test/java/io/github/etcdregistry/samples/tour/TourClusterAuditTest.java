package io.github.etcdregistry.samples.tour;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.audit.AuditReport;
import io.github.etcdregistry.audit.KeyAudit;
import io.github.etcdregistry.audit.ResourceAudit;
import io.github.etcdregistry.audit.StorageAudit;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.registry.EtcdRegistry;
import io.github.etcdregistry.report.HtmlReport;
import io.github.etcdregistry.report.RegistryTree;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit on the tour's cluster — etcd, kube-apiserver and kube-controller-manager with the tour's objects — plus a
 * ConfigMap of about 1 MB written twice, so that etcd keeps about 2 MB for that one key until it compacts.
 */
class TourClusterAuditTest {

  private static final String LARGE_KEY = "/registry/configmaps/tour/large";
  private static final int LARGE = 1_000_000; // a ConfigMap's data may hold at most 1 MiB

  private static ControlPlane cluster;

  @BeforeAll
  static void startTheTourCluster() {
    cluster = new ControlPlane().withBackend(Backend.PROCESS).withKubeApiServer(true).withKubeControllerManager(true);
    cluster.start();
    KubernetesClient kube = cluster.kubernetesClient();
    TourObjects.create(kube, true, 0, new PrintWriter(Writer.nullWriter()));
    kube.configMaps().inNamespace(TourObjects.NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata().withName("large").endMetadata()
        .addToData("blob", "a".repeat(LARGE)).build()).create();
    kube.configMaps().inNamespace(TourObjects.NAMESPACE).withName("large").edit(map -> {
      map.getData().put("blob", "b".repeat(LARGE));
      return map;
    });
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void everyObjectOfTheTourIsAtItsStorageVersion() {
    AuditReport audit = StorageAudit.of(cluster.registry()).run();

    assertThatRegistry(cluster.registry()).storedVersions().allAtStorageVersion();
    assertThat(audit.resource("pods").orElseThrow().encodings()).containsOnlyKeys("protobuf");
    assertThat(audit.resource("horizontalpodautoscalers")).isEmpty();
    ResourceAudit crontabs = audit.resource("stable.example.com/crontabs").orElseThrow();
    assertThat(crontabs.storageVersion()).contains("stable.example.com/v1"); // read from the CRD in the same registry
    assertThat(crontabs.encodings()).containsOnlyKeys("json");
    assertThat(audit.resource("apiextensions.k8s.io/customresourcedefinitions").orElseThrow().storedVersions())
        .containsOnlyKeys("apiextensions.k8s.io/v1beta1");
  }

  @Test
  void theTourSecretIsPlainAndNamedWithoutItsValue() {
    Throwable failure = catchThrowable(() -> assertThatRegistry(cluster.registry()).secrets().allEncrypted());

    assertThat(failure).isInstanceOf(AssertionError.class).hasMessageContaining("/registry/secrets/tour/db")
        .hasMessageNotContaining("s3cr3t-value");
  }

  @Test
  void aLargeValueAndItsHistoryAreCountedTwiceUntilCompaction() {
    AuditReport audit = StorageAudit.of(cluster.registry()).run();
    KeyAudit large = audit.keys().stream().filter(key -> key.key().equals(LARGE_KEY)).findFirst().orElseThrow();

    assertThat(large.size()).isBetween(LARGE, LARGE + 1_000);
    assertThat(large.writes()).isEqualTo(2);
    assertThat(large.revisionsKept()).isEqualTo(2);
    assertThat(large.bytesKept()).isBetween(2L * LARGE, 2L * LARGE + 2_000);
    assertThat(audit.largestKeys(1)).containsExactly(large);
    assertThatRegistry(cluster.registry()).noValueLargerThan(1024 * 1024);
    assertThat(catchThrowable(() -> assertThatRegistry(cluster.registry()).noValueLargerThan(LARGE)))
        .hasMessageContaining(LARGE_KEY + ": " + large.size() + " bytes");
    String page = HtmlReport.of(RegistryTree.of(cluster.registry())).withAudit(audit).render();
    assertThat(page).containsPattern("<g class=\"bar\" data-family=\"configmaps\" data-latest=\"\\d+\" data-kept=\"2\\d{6}\">")
        .contains("<tr class=\"audit-family\" data-family=\"stable.example.com/crontabs\">");
  }

  @Test
  void aSnapshotOfTheClusterKeepsItsKeysAndHistory(@TempDir Path directory) {
    Path backup = cluster.snapshot(directory.resolve("tour.db"));

    try (EtcdRegistry restored = EtcdRegistry.fromSnapshot(backup)) {
      AuditReport audit = StorageAudit.of(restored).run();
      KeyAudit large = audit.keys().stream().filter(key -> key.key().equals(LARGE_KEY)).findFirst().orElseThrow();
      assertThat(large.revisionsKept()).isEqualTo(2);
      assertThat(audit.plainSecrets()).extracting(KeyAudit::key).contains("/registry/secrets/tour/db");
      assertThat(audit.keys()).extracting(KeyAudit::key).containsAll(cluster.registry().keys("/registry/pods/"));
      assertThatRegistry(restored).storedVersions().allAtStorageVersion();
    }
  }
}
