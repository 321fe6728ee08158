package io.github.etcdregistry.controlplane.internal.reuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.ControlPlaneSpec;
import io.github.etcdregistry.controlplane.CustomResourceDefinitions;
import io.github.etcdregistry.controlplane.EncryptionAtRest;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.utility.DockerImageName;

/**
 * Two control planes that differ in anything but how this JVM talks to them get different reused control planes;
 * what cannot be told apart by the hash is not reused at all.
 */
class ReuseFingerprintTest {

  @TempDir
  Path directory;
  private Path etcd;
  private Path kubeApiServer;

  @BeforeEach
  void binaries() throws Exception {
    etcd = Files.writeString(directory.resolve("etcd"), "etcd");
    etcd.toFile().setExecutable(true);
    kubeApiServer = Files.writeString(directory.resolve("kube-apiserver"), "kube-apiserver");
    kubeApiServer.toFile().setExecutable(true);
  }

  @Test
  void sameConfigurationSameHash() {
    assertThat(hash(plane -> plane, Map.of())).isEqualTo(hash(plane -> plane, Map.of()));
  }

  @Test
  void everythingThatChangesWhatRunsChangesTheHash() throws Exception {
    String plain = hash(plane -> plane, Map.of());
    assertThat(hash(plane -> plane.withFlags(Component.KUBE_APISERVER, "--feature-gates=Foo=true"), Map.of())).isNotEqualTo(plain);
    assertThat(hash(plane -> plane.withFlags(Component.KUBE_APISERVER, "--etcd-prefix=/other"), Map.of())).isNotEqualTo(plain);
    assertThat(hash(plane -> plane.withEtcdMembers(3), Map.of())).isNotEqualTo(plain);
    assertThat(hash(plane -> plane.withCustomResourceDefinitions(CustomResourceDefinitions.read("src/test/resources/crds")), Map.of()))
        .as("kube-controller-manager's garbage collector knows the custom resources there are when it starts").isNotEqualTo(plain);
    assertThat(hash(plane -> plane.withImage(Component.ETCD, DockerImageName.parse("etcd:other")), Map.of())).isNotEqualTo(plain);
    assertThat(hash(plane -> plane, Map.of(Setting.PUBLISH_ADDRESS.key(), "0.0.0.0"))).isNotEqualTo(plain);
    assertThat(hash(plane -> plane, Map.of("etcdregistry.some-future-setting", "x"))).as("an unknown setting").isNotEqualTo(plain);

    Files.setLastModifiedTime(kubeApiServer, FileTime.from(Instant.now().plusSeconds(60))); // rebuilt
    assertThat(hash(plane -> plane, Map.of())).isNotEqualTo(plain);
  }

  @Test
  void whatOnlyTouchesThisJvmKeepsTheHash() {
    String plain = hash(plane -> plane, Map.of());
    assertThat(hash(plane -> plane.withStartupTimeout(Duration.ofSeconds(5)), Map.of())).isEqualTo(plain);
    assertThat(hash(plane -> plane, Map.of(Setting.CLIENT_REQUEST_TIMEOUT.key(), "500", Setting.REUSE_IDLE_TIMEOUT.key(), "5m")))
        .isEqualTo(plain);
  }

  /** Each run applies its CRDs again, so a changed schema needs no control plane of its own. */
  @Test
  void aChangedSchemaKeepsTheHash() {
    CustomResourceDefinitions crds = CustomResourceDefinitions.read("src/test/resources/crds");
    CustomResourceDefinitions changed = CustomResourceDefinitions.of(crds.definitions().stream().map(crd -> new CustomResourceDefinitionBuilder(crd)
        .editSpec().editFirstVersion().withDeprecated(true).endVersion().endSpec().build()).toArray(CustomResourceDefinition[]::new));

    assertThat(changed).isNotEqualTo(crds);
    assertThat(hash(plane -> plane.withCustomResourceDefinitions(changed), Map.of()))
        .isEqualTo(hash(plane -> plane.withCustomResourceDefinitions(crds), Map.of()));
  }

  @Test
  void ownStateIsNeverReused() throws Exception {
    Path snapshot = Files.writeString(directory.resolve("snapshot.db"), "x");
    assertThat(SpecProperties.notReusable(ControlPlaneSpec.etcdOnly().withRestoredSnapshot(snapshot))).get().asString().contains("snapshot");
    assertThat(SpecProperties.notReusable(ControlPlaneSpec.etcdOnly().withEncryption(EncryptionAtRest.provider("aescbc")))).get()
        .asString().contains("encrypts at rest");
    assertThat(SpecProperties.notReusable(ControlPlaneSpec.etcdOnly())).isEmpty();
  }

  /** What the keeping JVM starts is what was asked for: every part of the spec survives the trip through its file. */
  @Test
  void theKeepingJvmStartsTheSameSpec() {
    ControlPlaneSpec everything = ControlPlaneSpec.etcdOnly().withBackend(Backend.PROCESS).withEtcdMembers(3).withNodes(2)
        .withStages(List.of("kind: Stage\n", "kind: Stage\nmetadata: {name: two}\n"))
        .withCustomResourceDefinitions(CustomResourceDefinitions.read("src/test/resources/crds", "classpath:crds-extra/backups.yaml"))
        .withComponent(Component.KUBE_CONTROLLER_MANAGER, true).withKubernetesVersion(KubernetesVersion.parse("1.36"))
        .withStartupTimeout(Duration.ofSeconds(42));
    for (Component component : Component.values()) {
      everything = everything.withImage(component, DockerImageName.parse("example.test/" + component.id() + ":v1"))
          .withBinary(component, directory.resolve(component.id())).withFlags(component, List.of("--v=2", "--" + component.id() + "=x"));
    }

    assertThat(SpecProperties.spec(SpecProperties.toStart(everything))).isEqualTo(everything);
    assertThat(Arrays.stream(ControlPlaneSpec.class.getRecordComponents()).map(RecordComponent::getName))
        .as("a new part of ControlPlaneSpec must reach SpecProperties (hashed, and started again by ReuseKeeper),"
            + " or its notReusable, and then this list")
        .containsExactly("backend", "components", "etcdMembers", "nodes", "stages", "crds", "options", "kubernetesVersion", "startupTimeout", "encryption",
            "snapshotToRestore");
  }

  private String hash(UnaryOperator<ControlPlane> configure, Map<String, String> settings) {
    Properties properties = new Properties();
    properties.setProperty(Setting.ETCD_BINARY.key(), etcd.toString());
    properties.setProperty(Setting.KUBE_APISERVER_BINARY.key(), kubeApiServer.toString());
    properties.setProperty(Setting.CACHE_DIR.key(), directory.toString());
    settings.forEach(properties::setProperty);
    Settings all = new Settings(properties, Map.of());
    ControlPlane controlPlane = configure.apply(new ControlPlane(ControlPlaneSpec.etcdOnly(), all).withKubeApiServer(true));
    return ReuseFingerprint.of(controlPlane.spec(), Backend.PROCESS, all);
  }
}
