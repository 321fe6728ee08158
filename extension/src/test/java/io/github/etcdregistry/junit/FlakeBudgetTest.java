package io.github.etcdregistry.junit;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The flake budget: four classes with kube-apiserver run in parallel, {@code etcdregistry.flake.runs} rounds per
 * class and as many with SHARED control planes, on each backend; every failure is printed and fails the run.
 * Run by scripts/flake-loop, not by the normal build.
 */
@EnabledIfSystemProperty(named = "etcdregistry.flake.runs", matches = "[1-9][0-9]*")
class FlakeBudgetTest {

  @ParameterizedTest
  @EnumSource(value = Backend.class, names = {"PROCESS", "CONTAINER"})
  void fourParallelClassesWithKubeApiServerNeverFail(Backend backend) {
    int rounds = Integer.parseInt(System.getProperty("etcdregistry.flake.runs"));
    String before = System.getProperty(Setting.BACKEND.key());
    System.setProperty(Setting.BACKEND.key(), backend.name()); // the classes below leave the backend to this property
    List<String> failures = new ArrayList<>();
    try {
      for (List<Class<?>> classes : List.of(List.<Class<?>>of(PerClassA.class, PerClassB.class, PerClassC.class, PerClassD.class),
          List.<Class<?>>of(SharedA.class, SharedB.class, SharedC.class, SharedD.class))) {
        String lifecycle = classes.get(0).getSimpleName().startsWith("Shared") ? "SHARED" : "PER_CLASS";
        long start = System.nanoTime();
        int failedBefore = failures.size();
        for (int round = 1; round <= rounds; round++) {
          EngineExecutionResults results = runInParallel(classes);
          int current = round;
          results.allEvents().failed().stream().forEach(event -> failures.add(backend + " " + lifecycle + " round " + current + " "
              + event.getTestDescriptor().getDisplayName() + ": " + event.getPayload(TestExecutionResult.class)
              .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?")));
          if (results.testEvents().succeeded().count() != classes.size()) {
            failures.add(backend + " " + lifecycle + " round " + round + ": " + results.testEvents().succeeded().count() + " of "
                + classes.size() + " tests passed");
          }
        }
        System.out.printf("flake budget: backend=%s lifecycle=%s rounds=%d classes=%d runs=%d failures=%d seconds=%d%n", backend,
            lifecycle, rounds, classes.size(), rounds * classes.size(), failures.size() - failedBefore,
            (System.nanoTime() - start) / 1_000_000_000L);
      }
    } finally {
      if (before == null) {
        System.clearProperty(Setting.BACKEND.key());
      } else {
        System.setProperty(Setting.BACKEND.key(), before);
      }
    }
    failures.forEach(failure -> System.out.println("flake budget failure: " + failure));
    assertThat(failures).isEmpty();
  }

  private static EngineExecutionResults runInParallel(List<Class<?>> classes) {
    EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
    classes.forEach(type -> kit.selectors(selectClass(type)));
    return kit.execute();
  }

  /** What a typical test does: write through kube-apiserver, read the registry. */
  static void writeAndRead(TestNamespace namespace) {
    String name = namespace.name();
    namespace.client().configMaps().inNamespace(name)
        .resource(new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().withData(Map.of("a", "b")).build())
        .create();
    namespace.client().secrets().inNamespace(name)
        .resource(new SecretBuilder().withNewMetadata().withName("token").endMetadata().withStringData(Map.of("t", "x")).build())
        .create();
    assertThatRegistry().hasConfigMap(name, "settings").isProtobuf();
    assertThatRegistry().hasSecret(name, "token").isProtobuf();
    assertThatRegistry().keysUnder("/registry/configmaps/" + name + "/").hasSize(1);
  }

  @WithEtcdRegistry(kubeApiServer = true)
  static class PerClassA {
    @org.junit.jupiter.api.Test
    void writesAndReads(TestNamespace namespace) {
      writeAndRead(namespace);
    }
  }

  @WithEtcdRegistry(kubeApiServer = true)
  static class PerClassB extends PerClassA {}

  @WithEtcdRegistry(kubeApiServer = true)
  static class PerClassC extends PerClassA {}

  @WithEtcdRegistry(kubeApiServer = true)
  static class PerClassD extends PerClassA {}

  @WithEtcdRegistry(kubeApiServer = true, lifecycle = WithEtcdRegistry.Lifecycle.SHARED)
  static class SharedA {
    @org.junit.jupiter.api.Test
    void writesAndReads(TestNamespace namespace) {
      writeAndRead(namespace);
    }
  }

  @WithEtcdRegistry(kubeApiServer = true, lifecycle = WithEtcdRegistry.Lifecycle.SHARED)
  static class SharedB extends SharedA {}

  @WithEtcdRegistry(kubeApiServer = true, lifecycle = WithEtcdRegistry.Lifecycle.SHARED)
  static class SharedC extends SharedA {}

  @WithEtcdRegistry(kubeApiServer = true, lifecycle = WithEtcdRegistry.Lifecycle.SHARED)
  static class SharedD extends SharedA {}
}
