package io.github.etcdregistry.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.etcdregistry.controlplane.Backend;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Mistakes made on {@link WithEtcdRegistry} itself: the failure names the attribute to change, and how. */
class AnnotationMistakesTest {

  @Test
  void noEncryptionKeyFailsBeforeAnythingStarts() {
    Failure failure = failureOf(NoEncryptionKey.class);
    assertThat(failure.took()).isLessThan(Duration.ofSeconds(2));
    assertThat(failure.cause()).hasMessageContaining("needs at least one key").hasMessageContaining("encryptionKeys = 1");
  }

  @Test
  void startupTimeoutTooShortNamesTheAttributeThatSetIt() {
    Failure failure = failureOf(TimeoutTooShort.class);
    assertThat(failure.took()).isLessThan(Duration.ofSeconds(15));
    assertThat(failure.cause()).hasMessageContaining("was not ready within 1000 ms")
        .hasMessageContaining("raise it with @WithEtcdRegistry(startupTimeoutSeconds = ...)");
  }

  private record Failure(Throwable cause, Duration took) {}

  private static Failure failureOf(Class<?> testClass) {
    long start = System.nanoTime();
    List<Throwable> thrown = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute()
        .allEvents().failed().stream()
        .flatMap(event -> event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).stream())
        .toList();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(thrown).as("failures of " + testClass.getSimpleName()).isNotEmpty();
    System.out.println("time to a clear failure, " + testClass.getSimpleName() + ": " + took.toMillis() + " ms: " + thrown.get(0));
    return new Failure(thrown.get(0), took);
  }

  @WithEtcdRegistry(kubeApiServer = true, encryption = "aescbc", encryptionKeys = 0)
  static class NoEncryptionKey {
    @Test
    void test() {}
  }

  @WithEtcdRegistry(kubeApiServer = true, backend = Backend.PROCESS, startupTimeoutSeconds = 1)
  static class TimeoutTooShort {
    @Test
    void test() {}
  }
}
