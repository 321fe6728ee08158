package io.github.etcdregistry.controlplane.internal.reuse;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With reuse on, each run starts from the control plane as it was when it had started: what an earlier run created is
 * gone for etcd, kube-apiserver and kube-controller-manager alike, and what they keep renewing still works. A run is a
 * control plane started and closed, as one test class does; another JVM keeps the control plane between them.
 * {@code -Detcdregistry.reuse.reset=false} runs these tests without the reset, to see them fail.
 */
class ReuseResetTest {

  private static final Pattern RESET = Pattern.compile("put back to how it was when it had started: (\\d+) keys deleted, (\\d+) put back,"
      + " in (\\d+) transactions?; took (\\d+) ms");

  @TempDir
  Path cache;

  /** The control plane of the run under way. */
  private ControlPlane current;

  @AfterEach
  void stopReused() {
    ReusedControlPlanes.stopAll(settings(Map.of()));
  }

  @Test
  void fixedNamesAreFreeAgainInEveryRunAndTheBootstrapIsIntact() {
    for (int run = 1; run <= 3; run++) {
      run(Map.of(), kube -> {
        kube.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("nginx").endMetadata()
            .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec().build()).create();
        kube.nodes().resource(new NodeBuilder().withNewMetadata().withName("worker-1").endMetadata().build()).create();
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().build()).create();
        kube.configMaps().inNamespace("team").resource(configMap("settings")).create();
        kube.configMaps().inNamespace("kube-system").withName("extension-apiserver-authentication")
            .edit(changed -> new ConfigMapBuilder(changed).addToData("changed-by", "a test").build());
      });
    }
    run(Map.of(), kube -> {
      assertThat(kube.pods().inNamespace("default").list().getItems()).isEmpty();
      assertThat(kube.namespaces().withName("team").get()).isNull();
      assertThat(kube.configMaps().inNamespace("kube-system").withName("extension-apiserver-authentication").get().getData())
          .doesNotContainKey("changed-by");
      assertThat(kube.namespaces().withName("default").get().getStatus().getPhase()).isEqualTo("Active");
      assertThat(kube.services().inNamespace("default").withName("kubernetes").get().getSpec().getClusterIP()).isNotBlank();
      assertThat(kube.rbac().clusterRoles().withName("cluster-admin").get().getRules()).isNotEmpty();
      assertThat(kube.rbac().clusterRoleBindings().withName("cluster-admin").get()).isNotNull();
      assertThat(kube.leases().inNamespace("kube-system").list().getItems())
          .anySatisfy(lease -> assertThat(lease.getMetadata().getName()).startsWith("apiserver-"));
    });
  }

  @Test
  void resetOffKeepsWhatEarlierRunsLeft() {
    Map<String, String> keep = Map.of(Setting.REUSE_RESET.key(), "false");
    run(keep, kube -> kube.configMaps().inNamespace("default").resource(configMap("left")).create());
    run(keep, kube -> assertThatThrownBy(() -> kube.configMaps().inNamespace("default").resource(configMap("left")).create())
        .isInstanceOf(KubernetesClientException.class).hasMessageContaining("already exists"));
  }

  @Test
  void aRunUsingTheControlPlaneNowIsNotResetUnderIt() {
    try (ControlPlane using = controlPlane(Map.of())) {
      using.start();
      using.kubernetesClient().configMaps().inNamespace("default").resource(configMap("in-use")).create();
      run(Map.of(), kube -> assertThat(kube.configMaps().inNamespace("default").withName("in-use").get()).isNotNull());
      assertThat(using.kubernetesClient().configMaps().inNamespace("default").withName("in-use").get()).isNotNull();
    }
    run(Map.of(), kube -> assertThat(kube.configMaps().inNamespace("default").withName("in-use").get()).isNull());
  }

  @Test
  void aCrdOfAnEarlierRunIsNoLongerServedAndComesBackWhenAppliedAgain() {
    CustomResourceDefinitions crds = CustomResourceDefinitions.read("src/test/resources/crds");
    ResourceDefinitionContext crontabs = new ResourceDefinitionContext.Builder().withGroup("stable.example.com").withVersion("v1")
        .withPlural("crontabs").withNamespaced(true).build();
    Consumer<KubernetesClient> createNightly = kube -> kube.genericKubernetesResources(crontabs).inNamespace("default")
        .resource(new GenericKubernetesResourceBuilder().withApiVersion("stable.example.com/v1").withKind("CronTab")
            .withNewMetadata().withName("nightly").endMetadata().build()).create();
    run(Map.of(), kube -> {
      crds.applyTo(kube, Duration.ofSeconds(30));
      createNightly.accept(kube);
    });
    run(Map.of(), kube -> {
      assertThat(kube.getApiGroup("stable.example.com")).as("the group of the CRDs the reset deleted").isNull();
      assertThat(kube.apiextensions().v1().customResourceDefinitions().withName("crontabs.stable.example.com").get()).isNull();
      assertThatRegistry(current.registry()).doesNotHaveResource("stable.example.com", "crontabs", "default", "nightly");
      crds.applyTo(kube, Duration.ofSeconds(30));
      createNightly.accept(kube);
      assertThat(kube.genericKubernetesResources(crontabs).inNamespace("default").list().getItems()).hasSize(1);
    });
  }

  @Test
  void kubeControllerManagerDoesNotBringBackWhatTheResetDeletedAndStillCollectsGarbage() throws Exception {
    Map<String, String> none = Map.of();
    try (ControlPlane first = controlPlane(none).withKubeControllerManager(true)) {
      first.start();
      KubernetesClient kube = first.kubernetesClient();
      kube.apps().deployments().inNamespace("default").resource(new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
          .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "web").endSelector().withNewTemplate()
          .withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("web")
          .withImage("nginx:1.27").endContainer().endSpec().endTemplate().endSpec().build()).create();
      assertThatRegistry(first.registry()).within(Duration.ofSeconds(20)).keysUnder("/registry/pods/default/").hasSize(2);
    }
    try (ControlPlane second = controlPlane(none).withKubeControllerManager(true)) {
      second.start();
      KubernetesClient kube = second.kubernetesClient();
      Thread.sleep(3_000); // time for a controller that would bring them back
      assertThat(kube.apps().deployments().inNamespace("default").list().getItems()).isEmpty();
      assertThat(kube.apps().replicaSets().inNamespace("default").list().getItems()).isEmpty();
      assertThat(kube.pods().inNamespace("default").list().getItems()).isEmpty();

      ConfigMap owner = kube.configMaps().inNamespace("default").resource(configMap("owner")).create();
      kube.configMaps().inNamespace("default").resource(new ConfigMapBuilder(configMap("dependent")).editMetadata().addNewOwnerReference()
          .withApiVersion("v1").withKind("ConfigMap").withName("owner").withUid(owner.getMetadata().getUid()).endOwnerReference()
          .endMetadata().build()).create();
      kube.configMaps().inNamespace("default").withName("owner").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
      assertThatRegistry(second.registry()).within(Duration.ofSeconds(20)).doesNotHaveResource("", "configmaps", "default", "dependent");
    }
  }

  @Test
  void resetAfterARunThatCreatedAHundredObjects() {
    run(Map.of(), kube -> { });
    run(Map.of(), kube -> {
      for (int i = 0; i < 100; i++) {
        kube.configMaps().inNamespace("default").resource(configMap("settings-" + i)).create();
      }
    });
    long begin = System.nanoTime();
    String log = run(Map.of(), kube -> assertThat(kube.configMaps().inNamespace("default").withName("settings-0").get()).isNull());
    long attachMillis = (System.nanoTime() - begin) / 1_000_000;
    long idleBegin = System.nanoTime();
    run(Map.of(), kube -> { });
    long idleAttachMillis = (System.nanoTime() - idleBegin) / 1_000_000;
    Matcher reset = RESET.matcher(log);
    assertThat(reset.find()).as(log).isTrue();
    System.out.println("reuse reset: " + reset.group(1) + " keys deleted, " + reset.group(2) + " put back in " + reset.group(3)
        + " transaction(s), " + reset.group(4) + " ms; run with the reset " + attachMillis + " ms, the next (nothing to reset) "
        + idleAttachMillis + " ms");
    assertThat(Integer.parseInt(reset.group(1))).isGreaterThanOrEqualTo(100);
  }

  @Test
  void theBaselineIsItsOwnersOnly() throws Exception {
    run(Map.of(), kube -> { });
    try (var directories = Files.list(cache.resolve("reuse"))) {
      Path directory = directories.filter(Files::isDirectory).findFirst().orElseThrow();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(ReuseDirectory.BASELINE))))
          .isEqualTo("rw-------");
    }
  }

  /** One run: attaches, does {@code test}, closes; returns what it logged. */
  private String run(Map<String, String> more, Consumer<KubernetesClient> test) {
    PrintStream err = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    try (ControlPlane controlPlane = controlPlane(more)) {
      System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
      try {
        controlPlane.start();
      } finally {
        System.setErr(err);
      }
      assertThat(controlPlane.backend()).isEqualTo(Backend.EXISTING);
      current = controlPlane;
      test.accept(controlPlane.kubernetesClient());
    }
    String log = logged.toString(StandardCharsets.UTF_8);
    err.print(log);
    return log;
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("key", "value").build();
  }

  private ControlPlane controlPlane(Map<String, String> more) {
    return ReuseOn.controlPlane(cache, more);
  }

  private Settings settings(Map<String, String> more) {
    return ReuseOn.settings(cache, more);
  }
}
