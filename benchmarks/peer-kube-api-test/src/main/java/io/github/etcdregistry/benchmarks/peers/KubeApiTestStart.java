package io.github.etcdregistry.benchmarks.peers;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfig;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.Utils;
import io.fabric8.kubeapitest.binary.BinaryManager;
import io.fabric8.kubeapitest.binary.OSInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * fabric8 kube-api-test (etcd + kube-apiserver as local processes), offline, with the binaries everyone else runs,
 * started {@code runs} times: {@code RESULT start <ms>} from construction to {@code start()} returning, then
 * {@code RESULT close <ms>}.
 *
 * <p>kube-api-test looks for binaries in {@code <test dir>/k8s/<version>-<os>-<arch>/} ({@link BinaryManager}) and
 * never downloads with {@code withOfflineMode(true)}; the directory gets symlinks to the given binaries. Its
 * environment switches ({@code KUBE_API_TEST_OFFLINE_MODE}, ...) are not used: it casts their String values to
 * Boolean, which throws, so the builder methods are.
 *
 * <p>Arguments: runs, etcd binary, kube-apiserver binary, kubectl binary, version (e.g. 1.37.2), a directory for
 * temporary files.
 */
public final class KubeApiTestStart {

  private static volatile KubeAPIServer current;
  private static volatile Path testDirectory;

  private KubeApiTestStart() {}

  public static void main(String[] args) {
    Runtime.getRuntime().addShutdownHook(new Thread(KubeApiTestStart::cleanUp, "stop kube-api-test"));
    // if the harness dies without stopping this JVM, stop anyway: the hook stops what was started
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(130)));
    try {
      int runs = Integer.parseInt(args[0]);
      String version = args[4];
      Files.createDirectories(Path.of(args[5]));
      testDirectory = Files.createTempDirectory(Path.of(args[5]), "kube-api-test-");
      Path binaries = testDirectory.resolve(BinaryManager.BINARY_LIST_DIR).resolve(version + Utils.platformSuffix(new OSInfo()));
      Files.createDirectories(binaries);
      Files.createSymbolicLink(binaries.resolve("etcd"), Path.of(args[1]).toAbsolutePath());
      Files.createSymbolicLink(binaries.resolve("kube-apiserver"), Path.of(args[2]).toAbsolutePath());
      Files.createSymbolicLink(binaries.resolve("kubectl"), Path.of(args[3]).toAbsolutePath());
      KubeAPIServerConfig config = KubeAPIServerConfigBuilder.anAPIServerConfig()
          .withTestDir(testDirectory.toString())
          .withOfflineMode(true)
          .withApiServerVersion(version)
          .withStartupTimeout(120_000)
          .build();
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        current = new KubeAPIServer(config);
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
    KubeAPIServer server = current;
    current = null;
    if (server != null) {
      server.stop();
    }
  }

  private static void cleanUp() {
    try {
      stopCurrent();
    } catch (RuntimeException e) {
      System.err.println("kube-api-test: stop: " + e);
    }
    Path directory = testDirectory;
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        System.err.println("kube-api-test: could not remove " + directory + ": " + e);
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
