package io.github.etcdregistry.controlplane.internal.container;

import io.github.etcdregistry.controlplane.internal.Readiness;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import java.net.URI;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until a container's HTTPS endpoint is ready by a check that presents a client certificate — the part
 * Testcontainers' own HTTP wait cannot do, and why jetcd-launcher's stalls against an etcd with
 * {@code --client-cert-auth}. Fails early with the container's last log lines when it exits.
 */
public final class HttpsWaitStrategy extends AbstractWaitStrategy {

  private final int port;
  private final Predicate<URI> ready;
  private final BooleanSupplier worthWaiting;
  private final Supplier<String> startedWith;
  private String knob = "";

  /**
   * @param ready checks the component at its base URL ({@code https://host:mappedPort})
   * @param worthWaiting false once something it depends on has failed to start
   * @param startedWith how the component was started, for the failure message
   */
  public HttpsWaitStrategy(int port, Predicate<URI> ready, BooleanSupplier worthWaiting, Supplier<String> startedWith) {
    this.port = port;
    this.ready = ready;
    this.worthWaiting = worthWaiting;
    this.startedWith = startedWith;
  }

  /** The setting that chose the startup timeout, for the "not ready in time" message. */
  public HttpsWaitStrategy withTimeoutKnob(String value) {
    this.knob = value;
    return this;
  }

  @Override
  protected void waitUntilReady() {
    URI url = URI.create("https://" + waitStrategyTarget.getHost() + ":" + waitStrategyTarget.getMappedPort(port));
    Readiness.await(
        "container " + waitStrategyTarget.getContainerInfo().getConfig().getImage() + " at " + url,
        new StartupTimeout(startupTimeout, knob),
        () -> ready.test(url),
        () -> waitStrategyTarget.isRunning() && worthWaiting.getAsBoolean(),
        () -> startedWith.get() + System.lineSeparator() + "Last log lines:" + System.lineSeparator()
            + ContainerLogs.tail(waitStrategyTarget.getLogs(), 30));
  }
}
