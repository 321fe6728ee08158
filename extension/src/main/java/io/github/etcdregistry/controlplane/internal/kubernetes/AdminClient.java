package io.github.etcdregistry.controlplane.internal.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.controlplane.internal.ComponentWatch;
import io.github.etcdregistry.internal.Poll;
import io.github.etcdregistry.pki.ClusterPki;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The fabric8 client a control plane hands out as the admin: a dead kube-apiserver fails a call in seconds, not after
 * fabric8's retries, and once a component has ended each request fails at once saying how it ended.
 */
public final class AdminClient {

  private AdminClient() {}

  /** @param unavailable why the control plane cannot answer now, or empty while it can */
  public static KubernetesClient connect(URI kubeApiServer, ClusterPki pki, Settings settings, Supplier<Optional<String>> unavailable) {
    Config config = ClientCertificateConfig.of(kubeApiServer, pki.caCert(), pki.adminCert(), pki.adminKey())
        // a dead kube-apiserver must fail a call in seconds: fabric8 alone retries 10 times with a growing backoff
        .withConnectionTimeout(settings.number(Setting.CLIENT_CONNECT_TIMEOUT, 2_000))
        .withRequestTimeout(settings.number(Setting.CLIENT_REQUEST_TIMEOUT, 10_000))
        // no retry by default: fabric8 7.x runs a retry on a scheduler that drops an interceptor's exception, so the
        // call that should fail with the component's exit would hang instead
        .withRequestRetryBackoffLimit(settings.number(Setting.CLIENT_RETRIES, 0))
        .withRequestRetryBackoffInterval(200)
        .build();
    // the JDK's HTTP client: whatever Vert.x the user's build has, the injected client does not depend on it
    return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(new JdkHttpClientFactory())
        .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("etcd-registry-watch", new FailFast(unavailable)))
        .build();
  }

  /** Fails each request at once, with how the component ended, once one has exited. */
  private record FailFast(Supplier<Optional<String>> unavailable) implements Interceptor {
    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      Optional<String> failure = unavailable.get();
      if (failure.isEmpty() && refusesConnections(request.uri())) {
        failure = awaitUnavailable(); // it may have died a moment ago: give its watch the time to see it
      }
      failure.ifPresent(reason -> {
        throw new KubernetesClientException(ComponentWatch.brokenMessage(reason));
      });
    }

    /** The reason a component is down, waiting up to a second for the watch to notice an exit. */
    private Optional<String> awaitUnavailable() {
      return Poll.atMost(Duration.ofSeconds(1)).every(Duration.ofMillis(50)).until(unavailable, Optional::isPresent).last();
    }
  }

  /** Whether nothing accepts connections at the URI's host and port any more. */
  private static boolean refusesConnections(URI uri) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
