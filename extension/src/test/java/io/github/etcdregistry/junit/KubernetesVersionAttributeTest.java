package io.github.etcdregistry.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code @WithEtcdRegistry(kubernetesVersion = ...)}: resolved once, refused early with the attribute named. */
class KubernetesVersionAttributeTest {

  @WithEtcdRegistry(kubeApiServer = true, kubernetesVersion = "1.36")
  static class OnMinor {}

  @WithEtcdRegistry(kubeApiServer = true, kubernetesVersion = "v1.36.3")
  static class OnPatch {}

  @WithEtcdRegistry(kubeApiServer = true, kubernetesVersion = "1.36-latest")
  static class OnNoVersion {}

  @Test
  void aMinorAndItsLatestPatchAreOneConfigurationSoSharedClassesShareOneControlPlane() {
    assertThat(configurationOf(OnMinor.class)).isEqualTo(configurationOf(OnPatch.class));
    assertThat(configurationOf(OnMinor.class).spec().kubernetesVersion()).hasToString("v1.36.3");
  }

  @Test
  void aVersionThatIsNoVersionIsRefusedNamingTheAttribute() {
    assertThatThrownBy(() -> configurationOf(OnNoVersion.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("@WithEtcdRegistry(kubernetesVersion = \"1.36-latest\"): '1.36-latest' is not a Kubernetes version");
  }

  private static ControlPlaneConfiguration configurationOf(Class<?> annotated) {
    return ControlPlaneConfiguration.of(annotated.getAnnotation(WithEtcdRegistry.class));
  }
}
