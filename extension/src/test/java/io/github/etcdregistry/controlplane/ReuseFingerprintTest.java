package io.github.etcdregistry.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    assertThat(hash(plane -> plane.withKubeApiServerFlags("--feature-gates=Foo=true"), Map.of())).isNotEqualTo(plain);
    assertThat(hash(plane -> plane.withKubeApiServerFlags("--etcd-prefix=/other"), Map.of())).isNotEqualTo(plain);
    assertThat(hash(plane -> plane.withEtcdMembers(3), Map.of())).isNotEqualTo(plain);
    assertThat(hash(plane -> plane.withEtcdImage(org.testcontainers.utility.DockerImageName.parse("etcd:other")), Map.of())).isNotEqualTo(plain);
    assertThat(hash(plane -> plane, Map.of(Settings.PUBLISH_ADDRESS, "0.0.0.0"))).isNotEqualTo(plain);
    assertThat(hash(plane -> plane, Map.of("etcdregistry.some-future-setting", "x"))).as("an unknown setting").isNotEqualTo(plain);

    Files.setLastModifiedTime(kubeApiServer, FileTime.from(Instant.now().plusSeconds(60))); // rebuilt
    assertThat(hash(plane -> plane, Map.of())).isNotEqualTo(plain);
  }

  @Test
  void whatOnlyTouchesThisJvmKeepsTheHash() {
    String plain = hash(plane -> plane, Map.of());
    assertThat(hash(plane -> plane.withStartupTimeout(java.time.Duration.ofSeconds(5)), Map.of())).isEqualTo(plain);
    assertThat(hash(plane -> plane, Map.of(Settings.CLIENT_REQUEST_TIMEOUT, "500", Settings.REUSE_IDLE_TIMEOUT, "5m")))
        .isEqualTo(plain);
  }

  @Test
  void ownStateIsNeverReused() throws Exception {
    Path snapshot = Files.writeString(directory.resolve("snapshot.db"), "x");
    assertThat(new ControlPlane().withRestoredSnapshot(snapshot).reuseConfiguration().notReusable()).get().asString()
        .contains("snapshot");
    assertThat(new ControlPlane().withEncryption(EncryptionAtRest.provider("aescbc")).reuseConfiguration().notReusable()).get()
        .asString().contains("encrypts at rest");
    assertThat(new ControlPlane().reuseConfiguration().notReusable()).isEmpty();
  }

  /** A new with-method is a new way two control planes differ: it must reach ReuseConfiguration, and this list. */
  @Test
  void everyConfigurationMethodIsKnownToReuse() {
    assertThat(Arrays.stream(ControlPlane.class.getDeclaredMethods())
        .filter(method -> Modifier.isPublic(method.getModifiers()) && method.getName().startsWith("with")).map(Method::getName))
        .as("ControlPlane's with-methods; add a new one to ReuseConfiguration (hashed, and applied again by ReuseKeeper)")
        .containsExactlyInAnyOrder("withBackend", "withKubeApiServer", "withKubeControllerManager", "withEtcdMembers",
            "withKubeControllerManagerImage", "withKubeControllerManagerBinary", "withKubernetesVersion", "withEtcdImage",
            "withKubeApiServerImage", "withEtcdBinary", "withKubeApiServerBinary", "withStartupTimeout", "withEtcdFlags", "withKubeApiServerFlags",
            "withRestoredSnapshot", "withEncryption");
  }

  private String hash(UnaryOperator<ControlPlane> configure, Map<String, String> settings) {
    Properties properties = new Properties();
    properties.setProperty(Settings.ETCD_BINARY, etcd.toString());
    properties.setProperty(Settings.KUBE_APISERVER_BINARY, kubeApiServer.toString());
    properties.setProperty(Settings.CACHE_DIR, directory.toString());
    settings.forEach(properties::setProperty);
    Settings all = new Settings(properties, Map.of());
    ControlPlane controlPlane = configure.apply(new ControlPlane(all).withKubeApiServer(true));
    return ReuseFingerprint.of(controlPlane.reuseConfiguration(), Backend.PROCESS, all);
  }
}
