package io.github.etcdregistry.junit;

import static io.github.etcdregistry.assertions.RegistryAssertions.assertThatRegistry;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.etcdregistry.controlplane.Backend;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineTestKit;

/** assertThatRegistry() on a shared control plane while its tests run in parallel and end at different times. */
class SharedBindingTest {

  @Test
  void aTestThatEndsEarlyLeavesTheRegistryBoundForTheOthers() {
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
        .selectors(selectClass(ParallelOnSharedControlPlane.class))
        .execute()
        .testEvents()
        .assertThatEvents()
        .haveExactly(2, event(test(), finishedSuccessfully()))
        .doNotHave(event(finishedWithFailure())); // on failure, the list shows each failing test's exception
  }

  /** Registered before {@code @WithEtcdRegistry}, so its afterEach runs after the extension's has unbound. */
  static class SignalsTheEnd implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
      if (context.getRequiredTestMethod().getName().equals("endsEarly")) {
        ParallelOnSharedControlPlane.earlyOneEnded.countDown();
      }
    }
  }

  @ExtendWith(SignalsTheEnd.class)
  @WithEtcdRegistry(backend = Backend.PROCESS, lifecycle = WithEtcdRegistry.Lifecycle.SHARED)
  @Execution(ExecutionMode.CONCURRENT)
  static class ParallelOnSharedControlPlane {
    static final CountDownLatch bothRunning = new CountDownLatch(2);
    static final CountDownLatch earlyOneEnded = new CountDownLatch(1);

    @Test
    void endsEarly() throws InterruptedException {
      bothRunning.countDown();
      await(bothRunning);
    }

    @Test
    void endsLate(Client etcd) throws Exception {
      bothRunning.countDown();
      await(bothRunning);
      await(earlyOneEnded);
      etcd.getKVClient().put(ByteSequence.from("/registry/configmaps/default/late", StandardCharsets.UTF_8),
          ByteSequence.from("x", StandardCharsets.UTF_8)).get();

      assertThatRegistry().hasKey("/registry/configmaps/default/late");
      // a thread this test did not start, such as a client library's callback thread, has no binding of its own
      Thread callback = new Thread(null, () -> assertThatRegistry().hasKey("/registry/configmaps/default/late"), "callback", 0, false);
      CompletableFuture<Void> done = new CompletableFuture<>();
      callback.setUncaughtExceptionHandler((thread, failure) -> done.completeExceptionally(failure));
      callback.start();
      callback.join();
      done.complete(null);
      done.get();
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
      if (!latch.await(60, TimeUnit.SECONDS)) {
        throw new AssertionError("the other test did not get here: are the methods running in parallel?");
      }
    }
  }
}
