package io.github.etcdregistry.controlplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The etcd and Kubernetes versions that run when nothing else is asked for: the versions of the binary artifacts this
 * jar depends on, written into it from the build's {@code etcd.version} and {@code kubernetes.version}.
 */
public final class DefaultVersions {

  private static final Properties VERSIONS = load();

  /** {@code v3.6.16}. */
  public static final String ETCD = VERSIONS.getProperty("etcd");
  /** {@code v1.37.2}. */
  public static final String KUBERNETES = VERSIONS.getProperty("kubernetes");
  /** {@code v0.8.0}: kwok, whose binary artifact a test that simulates nodes adds itself. */
  public static final String KWOK = VERSIONS.getProperty("kwok");

  private DefaultVersions() {}

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = DefaultVersions.class.getResourceAsStream("default-versions.properties")) {
      if (in == null) {
        throw new IllegalStateException("default-versions.properties is missing beside " + DefaultVersions.class.getName()
            + ": the jar was not built by Maven");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
