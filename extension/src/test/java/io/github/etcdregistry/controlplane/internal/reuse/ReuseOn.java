package io.github.etcdregistry.controlplane.internal.reuse;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.ControlPlaneSpec;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** What the reuse tests run with: reuse on, in a cache directory of the test's own, in this JVM's environment without CI. */
final class ReuseOn {

  private ReuseOn() {}

  /** A control plane with kube-apiserver on processes, the configuration reuse applies to, with {@code more} settings. */
  static ControlPlane controlPlane(Path cache, Map<String, String> more) {
    return new ControlPlane(ControlPlaneSpec.etcdOnly(), settings(cache, more)).withBackend(Backend.PROCESS).withKubeApiServer(true);
  }

  /** This JVM's settings with reuse on and {@code more}, without CI, where reuse would be ignored. */
  static Settings settings(Path cache, Map<String, String> more) {
    Properties properties = new Properties();
    properties.putAll(System.getProperties());
    properties.setProperty(Setting.CACHE_DIR.key(), cache.toString());
    properties.setProperty(Setting.REUSE.key(), "true");
    more.forEach(properties::setProperty);
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.remove("CI");
    return new Settings(properties, environment);
  }
}
