package io.github.etcdregistry.controlplane.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.etcdregistry.binaries.Binaries;
import io.github.etcdregistry.binaries.Bundle;
import io.github.etcdregistry.binaries.Platform;
import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.KubernetesVersion;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.controlplane.internal.kubernetes.ServedVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.utility.DockerImageName;

/** Which binary or image of which Kubernetes version runs, by the precedence the README promises. */
class ComponentSourcesTest {

  @TempDir
  Path cache;

  private final Properties properties = new Properties();
  private final Map<String, String> environment = new HashMap<>();

  @Test
  void aVersionPicksTheBinaryControlPlaneBuildLeftInTheCache() throws Exception {
    Path v136 = built("kube-apiserver", "v1.36.3");
    properties.setProperty("etcdregistry.kubernetes.version", "1.36");

    assertThat(components().binary(Component.KUBE_APISERVER, null, null)).isEqualTo(v136);
  }

  @Test
  void withoutAnySettingTheDefaultVersionIsLookedUpInTheCache() throws Exception {
    Path v137 = built("kube-controller-manager", "v1.37.2");

    assertThat(components().binary(Component.KUBE_CONTROLLER_MANAGER, null, null)).isEqualTo(v137);
  }

  @Test
  void aVersionPropertyWinsOverABinaryInTheEnvironment() throws Exception {
    Path v135 = built("kube-apiserver", "v1.35.4");
    environment.put("ETCDREGISTRY_KUBE_APISERVER_BINARY", built("kube-apiserver", "v1.37.2").toString());
    properties.setProperty("etcdregistry.kubernetes.version", "v1.35.4");

    assertThat(components().binary(Component.KUBE_APISERVER, null, null)).isEqualTo(v135);
  }

  @Test
  void onOneLevelTheBinaryWinsOverTheVersion() throws Exception {
    Path own = built("kube-apiserver", "v1.37.2");
    built("kube-apiserver", "v1.35.4");
    environment.put("ETCDREGISTRY_KUBE_APISERVER_BINARY", own.toString());
    environment.put("ETCDREGISTRY_KUBERNETES_VERSION", "1.35");

    assertThat(components().binary(Component.KUBE_APISERVER, null, null)).isEqualTo(own);
  }

  @Test
  void aVersionSetInCodeWinsOverSettingsAndAnExplicitBinaryOverIt() throws Exception {
    Path v135 = built("kube-apiserver", "v1.35.4");
    Path v137 = built("kube-apiserver", "v1.37.2");
    properties.setProperty("etcdregistry.kube-apiserver.binary", v137.toString());

    assertThat(components().binary(Component.KUBE_APISERVER, null, KubernetesVersion.parse("1.35"))).isEqualTo(v135);
    assertThat(components().binary(Component.KUBE_APISERVER, v137, KubernetesVersion.parse("1.35"))).isEqualTo(v137);
  }

  @Test
  void aVersionThatIsNeitherCachedNorOnTheClassPathNamesTheDependencyThatBringsIt() {
    properties.setProperty("etcdregistry.kubernetes.version", "1.36");

    assertThatThrownBy(() -> components().binary(Component.KUBE_APISERVER, null, null))
        .isInstanceOf(ControlPlaneException.class)
        .hasMessageStartingWith("For system property etcdregistry.kubernetes.version: kube-apiserver v1.36.3 for " + Platform.current()
            + " is neither in the cache (" + cache.resolve(Platform.current().toString()).resolve("kube-apiserver-v1.36.3") + ")")
        .hasMessageContaining("Add the test dependency io.github.etcdregistry.binaries:kubernetes:1.36.3 (<type>pom</type>")
        .hasMessageEndingWith("Or set etcdregistry.kube-apiserver.binary (or ETCDREGISTRY_KUBE_APISERVER_BINARY) to a kube-apiserver"
            + " executable.")
        .hasMessageNotContaining("control-plane/build");
  }

  @Test
  void aVersionThatIsNoVersionNamesWhereItWasSet() {
    environment.put("ETCDREGISTRY_KUBERNETES_VERSION", "latest");

    assertThatThrownBy(() -> components().binary(Component.KUBE_APISERVER, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("environment variable ETCDREGISTRY_KUBERNETES_VERSION: 'latest' is not a Kubernetes version");
  }

  @Test
  void imagesOfAVersionAreBuiltLocallyWhenABinaryIsAtHandElseTheOfficialOnesOrTheirMirror() {
    properties.setProperty("etcdregistry.kubernetes.version", "1.35");
    DockerImageName local = DockerImageName.parse("etcd-registry/kube-apiserver:v1.35.4-0123456789ab");
    ComponentSources apiServerOnly = new ComponentSources(settings(), new Binaries(cache),
        (bundle, component, version) -> Optional.of(local).filter(image -> bundle == Bundle.KUBE_APISERVER && version.equals("v1.35.4")));

    assertThat(apiServerOnly.image(Component.KUBE_APISERVER, null, null)).isEqualTo(local);
    assertThat(apiServerOnly.image(Component.KUBE_CONTROLLER_MANAGER, null, null))
        .isEqualTo(DockerImageName.parse("registry.k8s.io/kube-controller-manager:v1.35.4"));
    properties.setProperty("etcdregistry.image-registry", "nexus.example.com:5000/k8s/");
    assertThat(apiServerOnly.image(Component.KUBE_CONTROLLER_MANAGER, null, null))
        .isEqualTo(DockerImageName.parse("nexus.example.com:5000/k8s/kube-controller-manager:v1.35.4"));
  }

  @Test
  void imageSettingsFollowTheSamePrecedenceAsBinaries() {
    ComponentSources noLocalImages = components();
    environment.put("ETCDREGISTRY_KUBE_APISERVER_IMAGE", "mirror.example/kube-apiserver:v1.37.2");
    assertThat(noLocalImages.image(Component.KUBE_APISERVER, null, null)).isEqualTo(DockerImageName.parse("mirror.example/kube-apiserver:v1.37.2"));

    properties.setProperty("etcdregistry.kubernetes.version", "1.36");
    assertThat(noLocalImages.image(Component.KUBE_APISERVER, null, null)).isEqualTo(DockerImageName.parse("registry.k8s.io/kube-apiserver:v1.36.3"));
    assertThat(noLocalImages.image(Component.KUBE_APISERVER, null, KubernetesVersion.parse("1.35.4")))
        .isEqualTo(DockerImageName.parse("registry.k8s.io/kube-apiserver:v1.35.4"));
    assertThat(noLocalImages.image(Component.KUBE_APISERVER, DockerImageName.parse("own/kube-apiserver:dev"), KubernetesVersion.parse("1.35")))
        .isEqualTo(DockerImageName.parse("own/kube-apiserver:dev"));
  }

  @Test
  void theCacheDirectoryIsFoundLikeTheBuildScriptDoes() {
    Settings onlyHome = new Settings(properties(Map.of("user.home", "/home/dev")), Map.of());
    Settings xdg = new Settings(properties(Map.of("user.home", "/home/dev")), Map.of("XDG_CACHE_HOME", "/var/cache/dev"));
    Settings explicit = new Settings(properties(Map.of("user.home", "/home/dev")),
        Map.of("XDG_CACHE_HOME", "/var/cache/dev", "ETCDREGISTRY_CACHE_DIR", "/opt/builds"));

    assertThat(onlyHome.cacheDirectory()).isEqualTo(Path.of("/home/dev/.cache/etcd-registry"));
    assertThat(xdg.cacheDirectory()).isEqualTo(Path.of("/var/cache/dev/etcd-registry"));
    assertThat(explicit.cacheDirectory()).isEqualTo(Path.of("/opt/builds"));
  }

  @Test
  void theRunningVersionIsReadFromKubeApiServersVersionDocument() {
    assertThat(ServedVersion.parse("{\n  \"major\": \"1\",\n  \"minor\": \"35\",\n  \"gitVersion\": \"v1.35.4\",\n  \"gitCommit\": \"\"\n}"))
        .contains(KubernetesVersion.parse("1.35.4"));
    assertThat(ServedVersion.parse("{\"gitVersion\":\"v1.36.0-rc.1+vendor\"}")).contains(KubernetesVersion.parse("1.36.0"));
    assertThat(ServedVersion.parse("{\"gitVersion\":\"v0.0.0-master+$Format:%H$\"}")).isEmpty();
  }

  private ComponentSources components() {
    return new ComponentSources(settings(), new Binaries(cache), (bundle, component, version) -> Optional.empty());
  }

  private Settings settings() {
    properties.setProperty("etcdregistry.cache-dir", cache.toString());
    return new Settings(properties, environment);
  }

  /** As control-plane/build leaves a binary: in its platform's directory, with its checksum. */
  private Path built(String component, String version) throws Exception {
    Path binary = Files.createDirectories(cache.resolve(Platform.current().toString()).resolve(component + "-" + version)).resolve(component);
    Files.writeString(binary, "#!/bin/sh\n# " + version + "\n");
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(binary)));
    Files.writeString(binary.resolveSibling("SHA256SUMS"), sha256 + "  " + component + "\n");
    return binary;
  }

  private static Properties properties(Map<String, String> values) {
    Properties properties = new Properties();
    properties.putAll(values);
    return properties;
  }
}
