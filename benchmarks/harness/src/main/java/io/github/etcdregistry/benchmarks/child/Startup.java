package io.github.etcdregistry.benchmarks.child;

import io.etcd.jetcd.launcher.Etcd;
import io.etcd.jetcd.launcher.EtcdCluster;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;

/** Start-to-ready times: from constructing the thing to its start method returning ready, then its close. */
final class Startup {

  private Startup() {}

  /** ControlPlane, etcd only: start() returns once /health answers a client presenting a certificate. */
  static void etcd(Backend backend, int runs) throws Exception {
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      ControlPlane controlPlane = Out.track(new ControlPlane().withBackend(backend));
      try {
        controlPlane.start();
        Out.result("start", Out.millisSince(start));
      } finally {
        Out.result("close", Out.close(controlPlane));
      }
    }
  }

  /** ControlPlane, etcd + kube-apiserver: start() returns once /readyz is ok for the admin and namespace default exists. */
  static void apiServer(Backend backend, int runs) throws Exception {
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      ControlPlane controlPlane = Out.track(new ControlPlane().withBackend(backend).withKubeApiServer(true));
      try {
        controlPlane.start();
        Out.result("start", Out.millisSince(start));
      } finally {
        Out.result("close", Out.close(controlPlane));
      }
    }
  }

  /**
   * jetcd-launcher's documented entry point, plain HTTP (its health check presents no client certificate, so it
   * cannot wait for an mTLS etcd). Two settings a FROM-scratch image needs: no data-directory bind mount, since
   * the launcher then runs {@code chmod} inside the container, which the image does not have.
   *
   * <p>{@link EtcdCluster#start()} waits on a latch for at most 60 s and returns as if started when it times out;
   * so after it returns, /health is checked (outside the timing) and a start that was not ready fails the run.
   */
  static void jetcdLauncher(String image, int runs) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // jetcd-launcher puts its containers on Network.SHARED, which only Ryuk would remove
    AutoCloseable sharedNetwork = () -> DockerClientFactory.instance().client().removeNetworkCmd(Network.SHARED.getId()).exec();
    Out.track(sharedNetwork);
    try {
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        EtcdCluster cluster = Out.track(Etcd.builder().withImage(image).withMountedDataDirectory(false).build());
        try {
          cluster.start();
          double millis = Out.millisSince(start);
          URI health = cluster.clientEndpoints().get(0).resolve("/health");
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 200 || !response.body().contains("true")) {
            throw new IllegalStateException("jetcd-launcher's start() returned after " + Math.round(millis) + " ms but " + health
                + " answered " + response.statusCode() + " " + response.body());
          }
          Out.result("start", millis);
        } finally {
          Out.result("close", Out.close(cluster));
        }
      }
    } finally {
      Out.close(sharedNetwork);
    }
  }
}
