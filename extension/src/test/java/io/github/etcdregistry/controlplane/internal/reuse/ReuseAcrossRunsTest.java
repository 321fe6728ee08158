package io.github.etcdregistry.controlplane.internal.reuse;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.ControlPlaneSpec;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import io.github.etcdregistry.controlplane.EncryptionAtRest;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.controlplane.internal.Owner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code etcdregistry.reuse=true}, a control plane outlives the JVM that started it: the next run with the same
 * configuration attaches to it, one with another configuration gets its own, an unhealthy one is replaced and an
 * unused one stops by itself. Each test uses a cache directory of its own and stops what it left running.
 */
class ReuseAcrossRunsTest {

  @TempDir
  Path cache;

  @AfterEach
  void stopReused() {
    ReusedControlPlanes.stopAll(settings(Map.of()));
  }

  @Test
  void secondJvmAttachesToTheControlPlaneTheFirstLeftRunning() throws Exception {
    Map<String, String> first = run();
    Map<String, String> second = run();

    System.out.println("reuse: first run's start() took " + first.get("start-millis") + " ms (starts the reused control plane),"
        + " second run's " + second.get("start-millis") + " ms (attaches)");
    assertThat(second.get("etcd")).isEqualTo(first.get("etcd"));
    assertThat(second.get("kube-apiserver")).isEqualTo(first.get("kube-apiserver"));
    assertThat(second.get("kube-system-uid")).isEqualTo(first.get("kube-system-uid"));
  }

  @Test
  void jvmsStartingAtOnceShareOneControlPlane() throws Exception {
    Process one = startRun();
    Process other = startRun();

    assertThat(printed(other).get("etcd")).isEqualTo(printed(one).get("etcd"));
    assertThat(reuseDirectories()).hasSize(1);
  }

  @Test
  void anotherConfigurationGetsAnotherControlPlane() {
    String first = attachedEtcd(controlPlane(Map.of()));
    String again = attachedEtcd(controlPlane(Map.of()));
    String other = attachedEtcd(controlPlane(Map.of()).withFlags(Component.KUBE_APISERVER, "--etcd-prefix=/other"));

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(reuseDirectories()).hasSize(2);
  }

  @Test
  void killedEtcdIsNoticedAndTheControlPlaneReplaced() throws Exception {
    String first = attachedEtcd(controlPlane(Map.of()));
    ReuseState state = onlyState();
    ProcessHandle etcd = state.processes().stream().map(owner -> ProcessHandle.of(owner.pid()).orElseThrow())
        .filter(process -> process.info().command().orElse("").endsWith("/etcd")).findFirst().orElseThrow();
    etcd.destroyForcibly();
    etcd.onExit().get(10, TimeUnit.SECONDS);

    try (ControlPlane next = controlPlane(Map.of())) {
      next.start();
      assertThat(next.etcdEndpoint().toString()).isNotEqualTo(first);
      assertThat(next.kubernetesClient().namespaces().withName("default").get()).isNotNull();
    }
    awaitExit(state.keeper(), "the replaced control plane's keeping JVM");
  }

  @Test
  void unusedControlPlaneStopsAfterTheIdleTimeoutAndRemovesItsDirectory() throws Exception {
    try (ControlPlane inUse = controlPlane(Map.of(Setting.REUSE_IDLE_TIMEOUT.key(), "3s"))) {
      inUse.start();
      Thread.sleep(6_000); // a test class may take longer than the idle timeout: its open control plane stays
      assertThat(inUse.kubernetesClient().namespaces().withName("default").get()).isNotNull();
    }
    ReuseState state = onlyState();
    Path directory = reuseDirectories().get(0);

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (Files.exists(directory) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(directory).doesNotExist();
    awaitExit(state.keeper(), "the keeping JVM");
    for (Owner process : state.processes()) {
      awaitExit(process, "process " + process.pid());
    }
  }

  @Test
  void failedStartOfTheKeptControlPlaneFailsTheRunWithItsLog() {
    ControlPlane broken = controlPlane(Map.of()).withFlags(Component.KUBE_APISERVER, "--no-such-flag=1");

    assertThatThrownBy(broken::start).isInstanceOf(ControlPlaneException.class)
        .hasMessageContaining("did not start").hasMessageContaining("no-such-flag");
  }

  @Test
  void reuseIsIgnoredInCi() {
    Properties properties = new Properties();
    properties.setProperty(Setting.CACHE_DIR.key(), cache.toString());
    properties.setProperty(Setting.REUSE.key(), "true");
    Settings inCi = new Settings(properties, Map.of("CI", "true"));
    ControlPlaneSpec spec = ControlPlaneSpec.etcdOnly().withComponent(Component.KUBE_APISERVER, true);

    assertThat(ReusedControlPlanes.attach(spec, Backend.PROCESS, inCi)).isEmpty();
    assertThat(cache.resolve("reuse")).doesNotExist();
  }

  private static void awaitExit(Owner process, String what) throws Exception {
    ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
    if (handle != null) {
      handle.onExit().get(30, TimeUnit.SECONDS);
    }
    assertThat(process.isGone()).as(what + " has exited").isTrue();
  }

  @Test
  void whatCannotBeReusedStartsAfresh() {
    Settings settings = settings(Map.of());

    assertThat(ReusedControlPlanes.attach(controlPlane(Map.of()).spec(), Backend.CONTAINER, settings)).isEmpty();
    assertThat(ReusedControlPlanes.attach(ControlPlaneSpec.etcdOnly(), Backend.PROCESS, settings)).as("etcd alone").isEmpty();
    assertThat(ReusedControlPlanes.attach(controlPlane(Map.of()).withEncryption(EncryptionAtRest.provider("aescbc")).spec(),
        Backend.PROCESS, settings)).isEmpty();
    assertThat(cache.resolve("reuse")).doesNotExist();
  }

  /**
   * The keeping JVM applies the CRDs before its kube-controller-manager starts, as an own control plane does: a custom
   * resource's dependent goes at once, not at the garbage collector's next discovery 30 s later.
   */
  @Test
  void theKeepingJvmAppliesTheCrdsBeforeKubeControllerManager() {
    try (ControlPlane controlPlane = controlPlane(Map.of()).withKubeControllerManager(true)
        .withCustomResourceDefinitions(CustomResourceDefinitions.read("src/test/resources/crds"))) {
      controlPlane.start();
      assertThat(controlPlane.backend()).isEqualTo(Backend.EXISTING);
      KubernetesClient kube = controlPlane.kubernetesClient();
      ResourceDefinitionContext crontabs = new ResourceDefinitionContext.Builder().withGroup("stable.example.com").withVersion("v1")
          .withPlural("crontabs").withNamespaced(true).build();
      GenericKubernetesResource owner = kube.genericKubernetesResources(crontabs).inNamespace("default").resource(
          new GenericKubernetesResourceBuilder().withApiVersion("stable.example.com/v1").withKind("CronTab").withNewMetadata()
              .withName("nightly").endMetadata().build()).create();
      kube.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("nightly-settings")
          .addNewOwnerReference().withApiVersion("stable.example.com/v1").withKind("CronTab").withName("nightly")
          .withUid(owner.getMetadata().getUid()).endOwnerReference().endMetadata().build()).create();

      kube.genericKubernetesResources(crontabs).inNamespace("default").withName("nightly").withPropagationPolicy(DeletionPropagation.BACKGROUND)
          .delete();

      assertThatRegistry(controlPlane.registry()).within(Duration.ofSeconds(10))
          .doesNotHaveResource("", "configmaps", "default", "nightly-settings");
    }
  }

  /** Starts and closes a control plane, as one run of a test class does; returns the etcd it attached to. */
  private static String attachedEtcd(ControlPlane controlPlane) {
    try (controlPlane) {
      controlPlane.start();
      assertThat(controlPlane.backend()).isEqualTo(Backend.EXISTING);
      assertThatThrownBy(controlPlane::pki).hasMessageContaining("reused across runs (etcdregistry.reuse=true)")
          .hasMessageContaining("-Detcdregistry.reuse=false");
      assertThatThrownBy(() -> controlPlane.etcdMember(0)).hasMessageContaining("etcdregistry.reuse");
      return controlPlane.etcdEndpoint().toString();
    }
  }

  private ControlPlane controlPlane(Map<String, String> more) {
    return ReuseOn.controlPlane(cache, more);
  }

  private Settings settings(Map<String, String> more) {
    return ReuseOn.settings(cache, more);
  }

  private List<Path> reuseDirectories() {
    try (var listing = Files.list(cache.resolve("reuse"))) {
      return listing.filter(Files::isDirectory).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private ReuseState onlyState() {
    List<Path> directories = reuseDirectories();
    assertThat(directories).hasSize(1);
    return ReuseState.of(new ReuseDirectory(directories.get(0)).read(ReuseDirectory.STATE).orElseThrow());
  }

  /** One run in a JVM of its own, with reuse on and this test's cache directory; returns what it printed. */
  private Map<String, String> run() throws Exception {
    return printed(startRun());
  }

  private Process startRun() throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
        "-D" + Setting.REUSE.key() + "=true", "-D" + Setting.CACHE_DIR.key() + "=" + cache, ReusedRun.class.getName())
        .redirectErrorStream(true);
    builder.environment().remove("CI");
    return builder.start();
  }

  private static Map<String, String> printed(Process child) throws Exception {
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as(output).isZero();
    Map<String, String> printed = new HashMap<>();
    output.lines().filter(line -> line.contains("=") && !line.startsWith("etcd-registry:"))
        .forEach(line -> printed.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
    return printed;
  }
}
