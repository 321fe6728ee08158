package io.github.etcdregistry.controlplane;

import java.net.URI;
import java.util.function.Predicate;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Waits until an HTTPS health endpoint of the container answers as expected to a client that presents
 * a certificate — the part Testcontainers' own HTTP wait cannot do, and why jetcd-launcher's stalls
 * against an etcd with {@code --client-cert-auth}.
 */
final class HttpsWaitStrategy extends AbstractWaitStrategy {

  private final HttpsProbe probe;
  private final int port;
  private final String path;
  private final Predicate<HttpsProbe.Response> ready;

  HttpsWaitStrategy(HttpsProbe probe, int port, String path, Predicate<HttpsProbe.Response> ready) {
    this.probe = probe;
    this.port = port;
    this.path = path;
    this.ready = ready;
  }

  @Override
  protected void waitUntilReady() {
    URI url = URI.create("https://" + waitStrategyTarget.getHost() + ":" + waitStrategyTarget.getMappedPort(port) + path);
    Readiness.await(
        "container " + waitStrategyTarget.getContainerInfo().getConfig().getImage() + " at " + url,
        startupTimeout,
        () -> {
          HttpsProbe.Response response = probe.get(url);
          return response != null && ready.test(response);
        },
        waitStrategyTarget::isRunning,
        () -> "Last log lines:" + System.lineSeparator() + ContainerLogs.tail(waitStrategyTarget.getLogs(), 30));
  }
}
