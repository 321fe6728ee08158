package io.github.etcdregistry.controlplane.internal.container;

import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import java.util.Optional;

/**
 * What etcd, kube-apiserver and kube-controller-manager share as containers: the start that names the image setting
 * when it fails, and the container's logs, exit and stop.
 */
public abstract class ContainerComponent implements AutoCloseable {

  private final String name;

  public ContainerComponent(String name) {
    this.name = name;
  }

  /** The container, configured by the component. */
  public abstract ComponentContainer container();

  /** Starts the container and waits with its readiness check, whose "not ready in time" message names {@code timeout}'s knob. */
  public final void startWaiting(HttpsWaitStrategy readiness, StartupTimeout timeout, Setting imageSetting) {
    readiness.withTimeoutKnob(timeout.knob());
    container().withStartupTimeout(timeout.duration());
    container().startOrExplain(name, imageSetting);
  }

  public String name() {
    return name;
  }

  public String recentLogs() {
    return container().recentLogs(50);
  }

  public Optional<String> exitReport() {
    return container().exitReport(name);
  }

  @Override
  public void close() {
    container().stopDeliberately();
  }

  @Override
  public String toString() {
    return name + " container " + container().image();
  }
}
