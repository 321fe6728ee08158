package io.github.etcdregistry.controlplane.internal.process;

import io.github.etcdregistry.controlplane.Component;
import io.github.etcdregistry.controlplane.internal.StartupTimeout;
import io.github.etcdregistry.controlplane.internal.kubernetes.ApiClientComponent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * kube-scheduler or kwok as a local process: neither listens on a port, and each is at work as soon as it runs, since
 * both act on what kube-apiserver holds whenever they come up; its end is seen by the control plane's watch.
 */
public final class ProcessApiClient extends ProcessComponent implements ApiClientComponent {

  private final List<String> flags;
  private final Map<String, String> environment;

  public ProcessApiClient(Component component, Path binary, Path workDirectory, List<String> flags) {
    super(component.id(), binary, workDirectory);
    this.flags = flags;
    // kwok reads ~/.kwok/kwok.yaml before its --config files: a developer's own would change what the test sees
    this.environment = component == Component.KWOK ? Map.of("KWOK_WORKDIR", workDirectory.resolve("kwok").toString()) : Map.of();
  }

  @Override
  protected Map<String, String> environment() {
    return environment;
  }

  @Override
  public void start(StartupTimeout timeout) {
    startOn(flags, name(), timeout, () -> true);
  }

  @Override
  public List<String> flags() {
    return flags;
  }
}
