package io.github.etcdregistry.controlplane.internal.reuse;

import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.ControlPlaneSpec;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.internal.Poll;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The JVM that keeps a reused control plane running between runs. The run that finds none starts this JVM, detached
 * (its own session, output to a log), which starts an ordinary {@link ControlPlane} — its processes die with it as
 * always — records it in {@link ReuseDirectory#STATE}, and then waits. It stops the control plane and removes the
 * directory once the lease has been idle for the idle timeout, the lease or directory was removed, or a component
 * exited. Its temp directory is inside the reuse directory, where no other run's cleanup looks.
 */
public final class ReuseKeeper {

  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
  /** Set in the keeping JVM's environment, and so its components': scripts/leftovers names them reused. */
  public static final String ENVIRONMENT = "ETCDREGISTRY_REUSED";
  private static final Duration START_LIMIT = Duration.ofMinutes(5);

  private ReuseKeeper() {}

  /** Argument: the reuse directory, holding the configuration and the settings to start with. */
  public static void main(String[] args) {
    try {
      keep(new ReuseDirectory(Path.of(args[0])));
    } catch (Throwable e) { // whatever failed, in the log the starting run shows
      e.printStackTrace();
    } finally {
      System.exit(1); // a client's thread must not keep a JVM alive that keeps nothing
    }
  }

  private static void keep(ReuseDirectory directory) throws InterruptedException {
    Properties configuration = directory.read(ReuseDirectory.CONFIGURATION).orElseThrow();
    Map<String, String> environment = new HashMap<>(System.getenv());
    configuration.stringPropertyNames().stream().filter(name -> name.startsWith("setting."))
        .forEach(name -> environment.put(name.substring("setting.".length()), configuration.getProperty(name)));
    Properties properties = new Properties();
    properties.putAll(System.getProperties());
    properties.setProperty(Setting.REUSE.key(), "false"); // this JVM's control plane is the reused one
    Settings settings = new Settings(properties, environment);
    Duration idleTimeout = idleTimeout(settings);
    ControlPlaneSpec spec = SpecProperties.spec(configuration);
    List<String> etcdFlags = new ArrayList<>(List.of("--max-txn-ops=" + ReuseReset.TXN_OPS)); // a run's reset in one transaction
    etcdFlags.addAll(spec.options(Component.ETCD).flags()); // the user's last, to win
    ControlPlane controlPlane = new ControlPlane(spec.withFlags(Component.ETCD, etcdFlags), settings);
    controlPlane.start();
    directory.writeBaseline(ReuseReset.record(controlPlane.registry())); // before the state: a run that attaches finds it
    directory.touchLease(); // after the baseline, which waits for quiet: the idle timeout counts from here
    ReuseState state = ReuseState.of(controlPlane, settings);
    ReuseHealth health = new ReuseHealth(state);
    directory.markHealthy(true);
    directory.write(ReuseDirectory.STATE, state.toProperties());
    System.out.println("etcd-registry: reused control plane " + controlPlane + " ready; stops after " + idleTimeout + " unused");
    Duration poll = idleTimeout.dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0 ? idleTimeout.dividedBy(4) : Duration.ofSeconds(1);
    while (true) {
      Thread.sleep(poll.toMillis());
      directory.markHealthy(controlPlane.isRunning() && health.problem().isEmpty()); // spares each run its own probes
      Optional<Duration> idle = directory.idle();
      if (idle.isEmpty() || !controlPlane.isRunning()) {
        directory.lock(); // released by the exit: no run attaches while it stops
        System.out.println("etcd-registry: stopping: " + (idle.isEmpty() ? "the lease was removed" : "a component exited"));
        stop(controlPlane, directory);
      }
      if (idle.get().compareTo(idleTimeout) > 0) {
        // a run attaching holds the lock and touches the lease: stop only when nobody does
        Optional<ReuseDirectory.Lock> lock = directory.tryLock();
        if (lock.isPresent() && directory.idle().map(now -> now.compareTo(idleTimeout) > 0).orElse(true)) {
          System.out.println("etcd-registry: stopping: unused for " + idle.get().toSeconds() + " s");
          stop(controlPlane, directory);
        }
        lock.ifPresent(ReuseDirectory.Lock::close);
      }
    }
  }

  private static void stop(ControlPlane controlPlane, ReuseDirectory directory) {
    try {
      controlPlane.close();
    } finally {
      directory.delete();
      System.exit(0);
    }
  }

  /** {@code etcdregistry.reuse.idle-timeout}: {@code 30m}, {@code 2h}, {@code 45s}, or an ISO-8601 duration. */
  public static Duration idleTimeout(Settings settings) {
    return settings.get(Setting.REUSE_IDLE_TIMEOUT).map(setting -> {
      String value = setting.value().toLowerCase(Locale.ROOT);
      try {
        return value.startsWith("p") ? Duration.parse(value.toUpperCase(Locale.ROOT))
            : Duration.parse(value.endsWith("s") || value.endsWith("m") || value.endsWith("h") ? "PT" + value : "PT" + value + "S");
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(setting.source() + " must be a duration such as 30m, 2h or 45s, was '" + setting.value() + "'");
      }
    }).orElse(DEFAULT_IDLE_TIMEOUT);
  }

  /**
   * Starts the keeping JVM for {@code directory} and waits until it has recorded a running control plane; fails with
   * the end of its log when it exits first.
   */
  public static ReuseState launch(ReuseDirectory directory, ControlPlaneSpec asked, Settings settings) {
    Properties start = SpecProperties.toStart(asked);
    settings.all().forEach((name, value) -> start.setProperty("setting." + name, value));
    directory.write(ReuseDirectory.CONFIGURATION, start);
    Path temp = directory.file("tmp");
    List<String> command = new ArrayList<>();
    Path setsid = Path.of("/usr/bin/setsid");
    if (Files.isExecutable(setsid)) {
      command.add(setsid.toString()); // a Ctrl-C meant for the build must not stop it
    }
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + temp, ReuseKeeper.class.getName(), directory.path().toString()));
    Process keeper;
    try {
      Files.createDirectories(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.path().toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(directory.file(ReuseDirectory.LOG).toFile()));
      builder.environment().put("CLASSPATH", String.join(File.pathSeparator, classPath()));
      builder.environment().put(ENVIRONMENT, directory.path().toString());
      keeper = builder.start();
    } catch (IOException e) {
      throw new ControlPlaneException("Could not start the JVM that keeps a reused control plane: " + e.getMessage(), e);
    }
    Poll.Result<Optional<Properties>> started = Poll.atMost(START_LIMIT).every(Duration.ofMillis(20)).giveUpWhen(() -> !keeper.isAlive())
        .until(() -> directory.read(ReuseDirectory.STATE), Optional::isPresent);
    switch (started.outcome()) {
      case MET -> {
        return ReuseState.of(started.last().orElseThrow());
      }
      case GAVE_UP -> throw new ControlPlaneException("The reused control plane in " + directory + " did not start:" + System.lineSeparator()
          + directory.logTail(40));
      case INTERRUPTED -> {
        keeper.destroy();
        throw new ControlPlaneException("Interrupted while the reused control plane started");
      }
      default -> {
        keeper.destroy();
        throw new ControlPlaneException("The reused control plane in " + directory + " was not ready after " + START_LIMIT.toMinutes()
            + " minutes:" + System.lineSeparator() + directory.logTail(40));
      }
    }
  }

  /**
   * This JVM's class path with the entries of manifest-only jars spelled out: Surefire and IDEs start tests from a
   * temporary jar whose manifest names the real class path, and that jar is gone once the run ends.
   */
  public static List<String> classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      entries.add(Path.of(entry).toAbsolutePath().toString());
      if (entry.endsWith(".jar")) {
        entries.addAll(manifestClassPath(Path.of(entry)));
      }
    }
    return new ArrayList<>(entries);
  }

  private static List<String> manifestClassPath(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null) {
        return List.of();
      }
      List<String> entries = new ArrayList<>();
      URI base = jar.toAbsolutePath().toUri();
      for (String url : classPath.trim().split("\\s+")) {
        entries.add(Path.of(base.resolve(url)).toString());
      }
      return entries;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
