package io.github.etcdregistry.controlplane.internal.reuse;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.ControlPlaneSpec;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reuse across runs, opt-in like Testcontainers' reuse: with {@code etcdregistry.reuse=true} (system property,
 * {@code ETCDREGISTRY_REUSE=true}, or a line in {@code ~/.etcd-registry.properties}) a control plane with
 * kube-apiserver on the process backend keeps running after the JVM exits, in {@code <cache dir>/reuse/<hash>/}
 * ({@link ReuseFingerprint}), kept by a JVM of its own ({@link ReuseKeeper}). Every run — the first included — attaches
 * to it as to an existing cluster, after checking that it is healthy; an unhealthy one is replaced. Never in CI.
 */
public final class ReusedControlPlanes {

  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  private ReusedControlPlanes() {}

  /**
   * The reused control plane for this configuration, attached to under a lease, started now when none runs or the one
   * there is unhealthy, else put back to how it was when it had started unless {@code etcdregistry.reuse.reset=false}
   * or another run uses it now; empty (and the control plane starts as usual) when reuse is off or cannot apply, which
   * is logged.
   */
  public static Optional<ReusedCluster> attach(ControlPlaneSpec asked, Backend backend, Settings settings) {
    if (!settings.get(Setting.REUSE).map(setting -> Boolean.parseBoolean(setting.value())).orElse(false)) {
      return Optional.empty();
    }
    Optional<String> ci = settings.environmentVariable("CI").filter(value -> !value.equalsIgnoreCase("false"));
    if (ci.isPresent()) {
      logOnce("reuse is ignored: the environment variable CI is set (" + ci.get() + "), and a CI run starts afresh");
      return Optional.empty();
    }
    Optional<String> why = whyNotReused(asked, backend);
    if (why.isPresent()) {
      logOnce("this control plane starts afresh instead of being reused: " + why.get());
      return Optional.empty();
    }
    Duration idleTimeout = ReuseKeeper.idleTimeout(settings); // a bad value fails here, not in the keeping JVM
    ReuseDirectory directory = new ReuseDirectory(ReuseDirectory.root(settings).resolve(ReuseFingerprint.of(asked, backend, settings)));
    synchronized (ReusedControlPlanes.class) { // a file lock belongs to the whole JVM: one of its threads at a time
      try (ReuseDirectory.Lock lock = directory.lock()) {
        Optional<ReuseState> recorded = directory.read(ReuseDirectory.STATE).map(ReuseState::of);
        if (recorded.isPresent()) {
          Optional<String> problem = recorded.get().problem(directory);
          if (problem.isEmpty()) {
            directory.touchLease();
            return Optional.of(ReusedCluster.attach(new Lease(directory, recorded.get(), idleTimeout), reset(settings)));
          }
          log("replacing the reused control plane in " + directory + ": " + problem.get());
          recorded.get().stop();
        }
        directory.delete(); // what a stopped or failed one left
        directory.create();
        ReuseState started = ReuseKeeper.launch(directory, asked, settings);
        return Optional.of(ReusedCluster.attach(new Lease(directory, started, idleTimeout), false)); // just started: as its baseline
      }
    }
  }

  /** {@code etcdregistry.reuse.reset}, {@code true} unless set otherwise. */
  private static boolean reset(Settings settings) {
    return settings.get(Setting.REUSE_RESET).map(setting -> {
      String value = setting.value().trim().toLowerCase(Locale.ROOT);
      if (!value.equals("true") && !value.equals("false")) {
        throw new IllegalArgumentException(setting.source() + " must be true or false, was '" + setting.value() + "'");
      }
      return Boolean.parseBoolean(value);
    }).orElse(true);
  }

  private static Optional<String> whyNotReused(ControlPlaneSpec asked, Backend backend) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return Optional.of("reuse needs a POSIX system (Linux, macOS): the JVM keeping it runs detached, its files are its owner's only");
    }
    if (backend != Backend.PROCESS) {
      // containers would need the keeping JVM to reach Docker as the test JVM does (Testcontainers' settings, API version)
      return Optional.of("the " + backend.name().toLowerCase(Locale.ROOT) + " backend is not reused, only the process backend"
          + " (etcdregistry.backend=process)");
    }
    if (!asked.runs(Component.KUBE_APISERVER)) {
      return Optional.of("etcd alone starts in a fraction of a second; reuse pays off with kube-apiserver");
    }
    return SpecProperties.notReusable(asked);
  }

  /** Stops every reused control plane under this cache directory; returns how many there were. */
  public static int stopAll(Settings settings) {
    Path root = ReuseDirectory.root(settings);
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int stopped = 0;
    try (DirectoryStream<Path> directories = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path path : directories) {
        ReuseDirectory directory = new ReuseDirectory(path);
        synchronized (ReusedControlPlanes.class) {
          try (ReuseDirectory.Lock lock = directory.lock()) {
            directory.read(ReuseDirectory.STATE).map(ReuseState::of).ifPresent(ReuseState::stop);
            directory.delete();
          }
        }
        stopped++;
      }
    } catch (IOException e) {
      throw new ControlPlaneException("Could not list the reused control planes in " + root + ": " + e.getMessage(), e);
    }
    return stopped;
  }

  static void log(String message) {
    System.err.println("etcd-registry: " + message);
  }

  /** Once per JVM: a class whose every test starts a control plane needs the reason once. */
  static void logOnce(String message) {
    if (LOGGED.add(message)) {
      log(message);
    }
  }

  /**
   * One run's use of a reused control plane: it keeps the lease fresh while open — a test class may outlast the idle
   * timeout — and closing it marks the control plane used once more and stops nothing.
   */
  public static final class Lease implements AutoCloseable {
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "etcd-registry reuse lease");
      thread.setDaemon(true); // a JVM that ends stops renewing: the control plane then idles out
      return thread;
    });

    private final ReuseDirectory directory;
    private final ReuseState state;
    private final ReuseUsers.Membership users;
    private final ScheduledFuture<?> renewal;

    Lease(ReuseDirectory directory, ReuseState state, Duration idleTimeout) {
      this.directory = directory;
      this.state = state;
      this.users = ReuseUsers.join(directory);
      Duration every = idleTimeout.dividedBy(3).compareTo(Duration.ofMinutes(1)) < 0 ? idleTimeout.dividedBy(3) : Duration.ofMinutes(1);
      this.renewal = RENEWALS.scheduleWithFixedDelay(directory::touchLease, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    ReuseState state() {
      return state;
    }

    ReuseDirectory directory() {
      return directory;
    }

    /** Whether no other run used the control plane when this one took the lease. */
    boolean alone() {
      return users.alone();
    }

    /** The keeping JVM's log, with its components' last words. */
    Path logFile() {
      return directory.file(ReuseDirectory.LOG);
    }

    @Override
    public void close() {
      renewal.cancel(false);
      directory.touchLease();
      users.close();
    }
  }
}
