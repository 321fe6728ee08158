package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.controlplane.ControlPlaneException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * GETs a health URL presenting a client certificate, the only way to ask an etcd or kube-apiserver that
 * requires one (an anonymous probe is refused or, on kube-apiserver, gets 403 until RBAC is bootstrapped).
 */
public final class HttpsProbe {

  private final HttpClient client;

  public HttpsProbe(SSLContext clientContext) {
    this.client = HttpClient.newBuilder()
        .sslContext(clientContext)
        .connectTimeout(Duration.ofSeconds(1))
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /** The response, or {@code null} when nothing answered (not listening yet, handshake refused). */
  public Response get(URI url) {
    try {
      HttpResponse<String> response = client.send(
          HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlPlaneException("Interrupted while waiting for " + url, e);
    }
  }

  public record Response(int status, String body) {}
}
