package io.github.etcdregistry.controlplane;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where configuration comes from when code does not set it: a JVM system property such as
 * {@code etcdregistry.etcd.image}, else the environment variable {@code ETCDREGISTRY_ETCD_IMAGE}.
 */
public final class Settings {

  public static final String BACKEND = "etcdregistry.backend";
  public static final String ETCD_IMAGE = "etcdregistry.etcd.image";
  public static final String KUBE_APISERVER_IMAGE = "etcdregistry.kube-apiserver.image";
  public static final String KUBE_CONTROLLER_MANAGER_IMAGE = "etcdregistry.kube-controller-manager.image";
  public static final String ETCD_BINARY = "etcdregistry.etcd.binary";
  public static final String KUBE_APISERVER_BINARY = "etcdregistry.kube-apiserver.binary";
  public static final String KUBE_CONTROLLER_MANAGER_BINARY = "etcdregistry.kube-controller-manager.binary";
  public static final String STARTUP_TIMEOUT = "etcdregistry.startup-timeout";
  /** Where control-plane/build keeps binaries and the protobuf schemas of each Kubernetes version. */
  public static final String CACHE_DIR = "etcdregistry.cache-dir";

  private final Properties properties;
  private final Map<String, String> environment;

  Settings(Properties properties, Map<String, String> environment) {
    this.properties = properties;
    this.environment = environment;
  }

  /** Reads the running JVM's system properties and environment. */
  public static Settings fromSystem() {
    return new Settings(System.getProperties(), System.getenv());
  }

  /** The value of {@code name}, with the place it came from for error messages. */
  public Optional<Setting> get(String name) {
    String property = properties.getProperty(name);
    if (property != null && !property.isBlank()) {
      return Optional.of(new Setting(property.trim(), "system property " + name));
    }
    String variable = environmentName(name);
    String value = environment.get(variable);
    if (value != null && !value.isBlank()) {
      return Optional.of(new Setting(value.trim(), "environment variable " + variable));
    }
    return Optional.empty();
  }

  /** {@code etcdregistry.kube-apiserver.image} → {@code ETCDREGISTRY_KUBE_APISERVER_IMAGE}. */
  public static String environmentName(String name) {
    return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** A configured value and where it was found. */
  public record Setting(String value, String source) {}
}
