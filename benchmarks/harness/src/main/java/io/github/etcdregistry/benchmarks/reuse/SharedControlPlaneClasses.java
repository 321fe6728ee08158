package io.github.etcdregistry.benchmarks.reuse;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ten tiny test classes for the reuse measurement, each {@code @WithEtcdRegistry(kubeApiServer = true, lifecycle =
 * SHARED, backend = PROCESS)} (through {@link SharedKubeApiServer}) and each making one API call, as a test would.
 * Run through the JUnit Platform Launcher by the benchmark, never by Surefire (they live in main, not test).
 */
public final class SharedControlPlaneClasses {

  /** The classes in order; a run with K classes takes the first K. */
  public static final List<Class<?>> ALL = List.of(Class01.class, Class02.class, Class03.class, Class04.class, Class05.class,
      Class06.class, Class07.class, Class08.class, Class09.class, Class10.class);

  private SharedControlPlaneClasses() {}

  static void createConfigMap(KubernetesClient kube, Class<?> testClass) {
    String name = testClass.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    ConfigMap created = kube.configMaps().inNamespace("default")
        .resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("class", name).build())
        .create();
    assertNotNull(created.getMetadata().getResourceVersion());
  }

  @SharedKubeApiServer
  public static class Class01 {
    @Test
    void createsAConfigMap(KubernetesClient kube) {
      createConfigMap(kube, getClass());
    }
  }

  @SharedKubeApiServer
  public static class Class02 {
    @Test
    void createsAConfigMap(KubernetesClient kube) {
      createConfigMap(kube, getClass());
    }
  }

  @SharedKubeApiServer
  public static class Class03 {
    @Test
    void createsAConfigMap(KubernetesClient kube) {
      createConfigMap(kube, getClass());
    }
  }

  @SharedKubeApiServer
  public static class Class04 {
    @Test
    void createsAConfigMap(KubernetesClient kube) {
      createConfigMap(kube, getClass());
    }
  }

  @SharedKubeApiServer
  public static class Class05 {
    @Test
    void createsAConfigMap(KubernetesClient kube) {
      createConfigMap(kube, getClass());
    }
  }

  @SharedKubeApiServer
  public static class Class06 {
    @Test
    void createsAConfigMap(KubernetesClient kube) {
      createConfigMap(kube, getClass());
    }
  }

  @SharedKubeApiServer
  public static class Class07 {
    @Test
    void createsAConfigMap(KubernetesClient kube) {
      createConfigMap(kube, getClass());
    }
  }

  @SharedKubeApiServer
  public static class Class08 {
    @Test
    void createsAConfigMap(KubernetesClient kube) {
      createConfigMap(kube, getClass());
    }
  }

  @SharedKubeApiServer
  public static class Class09 {
    @Test
    void createsAConfigMap(KubernetesClient kube) {
      createConfigMap(kube, getClass());
    }
  }

  @SharedKubeApiServer
  public static class Class10 {
    @Test
    void createsAConfigMap(KubernetesClient kube) {
      createConfigMap(kube, getClass());
    }
  }
}
