package io.github.etcdregistry.controlplane;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where configuration comes from when code does not set it: a JVM system property such as
 * {@code etcdregistry.etcd.image}, else the environment variable {@code ETCDREGISTRY_ETCD_IMAGE}, else a line
 * {@code etcdregistry.etcd.image=...} in {@code ~/.etcd-registry.properties} (the developer's own defaults, such as
 * {@code etcdregistry.reuse=true}, which no build or CI job sees unless it runs as that user).
 */
public final class Settings {

  public static final String BACKEND = "etcdregistry.backend";
  public static final String ETCD_IMAGE = "etcdregistry.etcd.image";
  public static final String KUBE_APISERVER_IMAGE = "etcdregistry.kube-apiserver.image";
  public static final String KUBE_CONTROLLER_MANAGER_IMAGE = "etcdregistry.kube-controller-manager.image";
  public static final String ETCD_BINARY = "etcdregistry.etcd.binary";
  public static final String KUBE_APISERVER_BINARY = "etcdregistry.kube-apiserver.binary";
  public static final String KUBE_CONTROLLER_MANAGER_BINARY = "etcdregistry.kube-controller-manager.binary";
  /** etcd's offline tool, which restores snapshots ({@code ETCDREGISTRY_ETCDUTL}). */
  public static final String ETCDUTL = "etcdregistry.etcdutl";
  public static final String STARTUP_TIMEOUT = "etcdregistry.startup-timeout";
  /**
   * The host address container ports are published on: {@code 127.0.0.1} by default (with a local Docker engine), so
   * nothing else on the network reaches a test's etcd; {@code 0.0.0.0} opens them up.
   */
  public static final String PUBLISH_ADDRESS = "etcdregistry.publish-address";
  /** The injected fabric8 client's connect timeout in milliseconds (default 2000). */
  public static final String CLIENT_CONNECT_TIMEOUT = "etcdregistry.client.connect-timeout-millis";
  /** The injected fabric8 client's timeout per request in milliseconds (default 10000). */
  public static final String CLIENT_REQUEST_TIMEOUT = "etcdregistry.client.request-timeout-millis";
  /** How often the injected fabric8 client retries a failed request (default 0, fabric8's own default is 10). */
  public static final String CLIENT_RETRIES = "etcdregistry.client.retries";
  /** The Kubernetes version whose binaries or images run, e.g. {@code 1.36} or {@code 1.36.3}. */
  public static final String KUBERNETES_VERSION = "etcdregistry.kubernetes.version";
  /**
   * Where binaries are kept, one directory per platform and version, as {@code control-plane/build} builds them or as they
   * are extracted from the binary artifacts (default {@code $XDG_CACHE_HOME/etcd-registry}, else {@code ~/.cache/etcd-registry}),
   * and the protobuf schemas of each Kubernetes version.
   */
  public static final String CACHE_DIR = "etcdregistry.cache-dir";
  /**
   * A registry that mirrors the official images ({@code registry.k8s.io}, {@code gcr.io/etcd-development}), such as
   * {@code nexus.example.com:5000}: {@code registry.k8s.io/kube-apiserver:v1.37.2} is then pulled as
   * {@code nexus.example.com:5000/kube-apiserver:v1.37.2}.
   */
  public static final String IMAGE_REGISTRY = "etcdregistry.image-registry";
  /**
   * {@code true} keeps a control plane running after the JVM exits, for the next run with the same configuration to
   * attach to (see {@link ReusedControlPlanes}); off by default, and ignored when the environment variable {@code CI} is set.
   */
  public static final String REUSE = "etcdregistry.reuse";
  /** How long a reused control plane may stay unused before it stops, e.g. {@code 30m} (the default), {@code 2h}, {@code 45s}. */
  public static final String REUSE_IDLE_TIMEOUT = "etcdregistry.reuse.idle-timeout";
  /** The developer's own settings file in the home directory, read after system properties and environment variables. */
  static final String USER_FILE = ".etcd-registry.properties";
  private static final String PREFIX = "etcdregistry.";

  private final Properties properties;
  private final Map<String, String> environment;
  private final Properties userFile;

  Settings(Properties properties, Map<String, String> environment) {
    this(properties, environment, new Properties());
  }

  Settings(Properties properties, Map<String, String> environment, Properties userFile) {
    this.properties = properties;
    this.environment = environment;
    this.userFile = userFile;
  }

  /** Reads the running JVM's system properties and environment, then {@code ~/.etcd-registry.properties}. */
  public static Settings fromSystem() {
    return new Settings(System.getProperties(), System.getenv(), userFile(Path.of(System.getProperty("user.home", "."), USER_FILE)));
  }

  /** The settings in {@code file}; none when it does not exist. */
  static Properties userFile(Path file) {
    Properties values = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        values.load(in);
      } catch (IOException e) {
        throw new IllegalArgumentException("Could not read the settings file " + file + ": " + e.getMessage(), e);
      }
    }
    return values;
  }

  /** The value of {@code name}, with the place it came from for error messages. */
  public Optional<Setting> get(String name) {
    return firstOf(name);
  }

  /**
   * The first of several settings that are set, by level: every system property before any environment variable, every
   * environment variable before any line of {@code ~/.etcd-registry.properties}.
   * So {@code -Detcdregistry.kubernetes.version=1.35} wins over an exported {@code ETCDREGISTRY_KUBE_APISERVER_BINARY},
   * while of two settings on one level the one named first wins.
   */
  Optional<Setting> firstOf(String... names) {
    for (String name : names) {
      String property = properties.getProperty(name);
      if (property != null && !property.isBlank()) {
        return Optional.of(new Setting(name, property.trim(), "system property " + name));
      }
    }
    for (String name : names) {
      String variable = environmentName(name);
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return Optional.of(new Setting(name, value.trim(), "environment variable " + variable));
      }
    }
    for (String name : names) {
      String line = userFile.getProperty(name);
      if (line != null && !line.isBlank()) {
        return Optional.of(new Setting(name, line.trim(), name + " in ~/" + USER_FILE));
      }
    }
    return Optional.empty();
  }

  /**
   * Every {@code etcdregistry.*} setting in effect, keyed by its environment name ({@code ETCDREGISTRY_ETCD_IMAGE}) so
   * that the three levels meet: a system property's value over an environment variable's over the file's.
   */
  Map<String, String> all() {
    Map<String, String> all = new TreeMap<>();
    userFile.stringPropertyNames().stream().filter(name -> name.startsWith(PREFIX))
        .forEach(name -> all.put(environmentName(name), userFile.getProperty(name).trim()));
    environment.forEach((name, value) -> {
      if (name.startsWith(environmentName(PREFIX))) {
        all.put(name, value.trim());
      }
    });
    properties.stringPropertyNames().stream().filter(name -> name.startsWith(PREFIX))
        .forEach(name -> all.put(environmentName(name), properties.getProperty(name).trim()));
    all.values().removeIf(String::isEmpty);
    return all;
  }

  /** A whole number setting, or {@code fallback} when it is not set; a value that is no number names its source. */
  int number(String name, int fallback) {
    return get(name).map(setting -> {
      try {
        return Integer.parseInt(setting.value());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(setting.source() + " must be a whole number, was '" + setting.value() + "'");
      }
    }).orElse(fallback);
  }

  /** {@link #CACHE_DIR}, else {@code $XDG_CACHE_HOME/etcd-registry}, else {@code ~/.cache/etcd-registry}: as {@code control-plane/build}. */
  public Path cacheDirectory() {
    return get(CACHE_DIR).map(setting -> Path.of(setting.value()))
        .or(() -> environmentVariable("XDG_CACHE_HOME").map(dir -> Path.of(dir, "etcd-registry")))
        .orElseGet(() -> Path.of(systemProperty("user.home").orElseGet(() -> System.getProperty("user.home")), ".cache", "etcd-registry"))
        .toAbsolutePath(); // processes run elsewhere: a relative path would name another file for them
  }

  /** A variable of the environment as it is, such as {@code XDG_CACHE_HOME}. */
  Optional<String> environmentVariable(String name) {
    return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
  }

  /** A system property as it is, such as {@code user.home}. */
  Optional<String> systemProperty(String name) {
    return Optional.ofNullable(properties.getProperty(name)).filter(value -> !value.isBlank());
  }

  /** {@code etcdregistry.kube-apiserver.image} → {@code ETCDREGISTRY_KUBE_APISERVER_IMAGE}. */
  public static String environmentName(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** A configured value, the setting it is the value of, and where it was found. */
  public record Setting(String name, String value, String source) {}
}
