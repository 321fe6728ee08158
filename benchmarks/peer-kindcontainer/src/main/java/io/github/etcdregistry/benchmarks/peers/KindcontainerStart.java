package io.github.etcdregistry.benchmarks.peers;

import com.dajudge.kindcontainer.ApiServerContainer;
import com.dajudge.kindcontainer.ApiServerContainerVersion;
import com.dajudge.kindcontainer.KubernetesImageSpec;
import org.testcontainers.utility.DockerImageName;

/**
 * Kindcontainer's ApiServerContainer (etcd + kube-apiserver in containers, mutual TLS between them), started
 * {@code runs} times: {@code RESULT start <ms>} from construction to {@code start()} returning, {@code RESULT close <ms>}.
 *
 * <p>Arguments: runs, the kube-apiserver image, the etcd image (no entrypoint, {@code etcd} on PATH, like the official one).
 */
public final class KindcontainerStart {

  private static volatile ApiServerContainer<?> current;

  private KindcontainerStart() {}

  public static void main(String[] args) {
    Runtime.getRuntime().addShutdownHook(new Thread(KindcontainerStart::stopCurrent, "stop kindcontainer"));
    // if the harness dies without stopping this JVM, stop anyway: the hook stops what was started
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(130)));
    try {
      int runs = Integer.parseInt(args[0]);
      String apiServerImage = args[1];
      DockerImageName etcdImage = DockerImageName.parse(args[2]);
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        // The version only chooses a default image name (registry.k8s.io/kube-apiserver:v1.34.1, its newest);
        // withImage points it at the local image with the same binaries everyone else runs.
        current = new ApiServerContainer<>(new KubernetesImageSpec<>(ApiServerContainerVersion.VERSION_1_34_1).withImage(apiServerImage))
            .withEtcdImage(etcdImage);
        try {
          current.start();
          result("start", millisSince(start));
        } finally {
          long stop = System.nanoTime();
          stopCurrent();
          result("close", millisSince(stop));
        }
      }
    } catch (Throwable t) {
      t.printStackTrace();
      System.err.println("BENCHMARK FAILED: " + t);
      System.exit(1);
    }
    System.exit(0);
  }

  private static synchronized void stopCurrent() {
    ApiServerContainer<?> container = current;
    current = null;
    if (container != null) {
      try {
        container.stop(); // the apiserver container, then its etcd (a NullPointerException when etcd never started)
      } catch (RuntimeException e) {
        System.err.println("kindcontainer: stop: " + e);
      }
    }
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private static synchronized void result(String series, double value) {
    System.out.println("RESULT " + series + " " + value);
    System.out.flush();
  }
}
