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

  /** The developer's own settings file in the home directory, read after system properties and environment variables. */
  static final String USER_FILE = ".etcd-registry.properties";

  private final Properties properties;
  private final Map<String, String> environment;
  private final Properties userFile;

  public Settings(Properties properties, Map<String, String> environment) {
    this(properties, environment, new Properties());
  }

  public Settings(Properties properties, Map<String, String> environment, Properties userFile) {
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

  /** The value of {@code setting}, with the place it came from for error messages. */
  public Optional<Value> get(Setting setting) {
    return firstOf(setting);
  }

  /**
   * The first of several settings that are set, by level: every system property before any environment variable, every
   * environment variable before any line of {@code ~/.etcd-registry.properties}.
   * So {@code -Detcdregistry.kubernetes.version=1.35} wins over an exported {@code ETCDREGISTRY_KUBE_APISERVER_BINARY},
   * while of two settings on one level the one named first wins.
   */
  public Optional<Value> firstOf(Setting... settings) {
    for (Setting setting : settings) {
      String property = properties.getProperty(setting.key());
      if (property != null && !property.isBlank()) {
        return Optional.of(new Value(setting, property.trim(), "system property " + setting.key()));
      }
    }
    for (Setting setting : settings) {
      String value = environment.get(setting.environmentName());
      if (value != null && !value.isBlank()) {
        return Optional.of(new Value(setting, value.trim(), "environment variable " + setting.environmentName()));
      }
    }
    for (Setting setting : settings) {
      String line = userFile.getProperty(setting.key());
      if (line != null && !line.isBlank()) {
        return Optional.of(new Value(setting, line.trim(), setting.key() + " in ~/" + USER_FILE));
      }
    }
    return Optional.empty();
  }

  /**
   * Every {@code etcdregistry.*} setting in effect, keyed by its environment name ({@code ETCDREGISTRY_ETCD_IMAGE}) so
   * that the three levels meet: a system property's value over an environment variable's over the file's.
   */
  public Map<String, String> all() {
    Map<String, String> all = new TreeMap<>();
    userFile.stringPropertyNames().stream().filter(name -> name.startsWith(Setting.PREFIX))
        .forEach(name -> all.put(environmentName(name), userFile.getProperty(name).trim()));
    environment.forEach((name, value) -> {
      if (name.startsWith(environmentName(Setting.PREFIX))) {
        all.put(name, value.trim());
      }
    });
    properties.stringPropertyNames().stream().filter(name -> name.startsWith(Setting.PREFIX))
        .forEach(name -> all.put(environmentName(name), properties.getProperty(name).trim()));
    all.values().removeIf(String::isEmpty);
    return all;
  }

  /** A whole number setting, or {@code fallback} when it is not set; a value that is no number names its source. */
  public int number(Setting setting, int fallback) {
    return get(setting).map(value -> {
      try {
        return Integer.parseInt(value.value());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(value.source() + " must be a whole number, was '" + value.value() + "'");
      }
    }).orElse(fallback);
  }

  /** {@link Setting#CACHE_DIR}, else {@code $XDG_CACHE_HOME/etcd-registry}, else {@code ~/.cache/etcd-registry}: as {@code control-plane/build}. */
  public Path cacheDirectory() {
    return get(Setting.CACHE_DIR).map(setting -> Path.of(setting.value()))
        .or(() -> environmentVariable("XDG_CACHE_HOME").map(dir -> Path.of(dir, "etcd-registry")))
        .orElseGet(() -> Path.of(systemProperty("user.home").orElseGet(() -> System.getProperty("user.home")), ".cache", "etcd-registry"))
        .toAbsolutePath(); // processes run elsewhere: a relative path would name another file for them
  }

  /** A variable of the environment as it is, such as {@code XDG_CACHE_HOME}. */
  public Optional<String> environmentVariable(String name) {
    return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
  }

  /** A system property as it is, such as {@code user.home}. */
  public Optional<String> systemProperty(String name) {
    return Optional.ofNullable(properties.getProperty(name)).filter(value -> !value.isBlank());
  }

  /** {@code etcdregistry.kube-apiserver.image} → {@code ETCDREGISTRY_KUBE_APISERVER_IMAGE}. */
  public static String environmentName(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** A configured value, the setting it is the value of, and where it was found. */
  public record Value(Setting setting, String value, String source) {}
}
