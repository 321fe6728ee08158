package io.github.etcdregistry.controlplane;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;

/**
 * Picks the backend: an explicit choice, else {@code etcdregistry.backend}, else {@code auto} — containers
 * when a Docker engine answers, processes when an etcd binary is configured, and otherwise one message
 * naming both remedies.
 */
final class BackendChoice {

  private final Settings settings;
  private final BooleanSupplier dockerAnswers;

  BackendChoice(Settings settings) {
    this(settings, BackendChoice::dockerAnswers);
  }

  BackendChoice(Settings settings, BooleanSupplier dockerAnswers) {
    this.settings = settings;
    this.dockerAnswers = dockerAnswers;
  }

  Backend resolve(Backend explicit, Path explicitEtcdBinary) {
    Backend wanted = explicit != null && explicit != Backend.AUTO
        ? explicit
        : settings.get(Settings.BACKEND).map(s -> Backend.parse(s.value(), s.source())).orElse(Backend.AUTO);
    if (wanted == Backend.CONTAINER && !dockerAnswers.getAsBoolean()) {
      throw new ControlPlaneException("The container backend was chosen" + (explicit == Backend.CONTAINER ? "" : " by "
          + settings.get(Settings.BACKEND).map(Settings.Setting::source).orElse(Settings.BACKEND)) + ", but no Docker engine answers."
          + " Start one (Docker Desktop, or `sudo dockerd`; scripts/docker-engine here), check DOCKER_HOST and that you may use its"
          + " socket (the docker group), or run local processes instead: backend = PROCESS (" + Settings.BACKEND + "=process) with"
          + " binaries from eval \"$(control-plane/build)\".");
    }
    if (wanted != Backend.AUTO) {
      return wanted;
    }
    if (ExistingCluster.isConfigured(settings)) {
      return Backend.EXISTING;
    }
    if (dockerAnswers.getAsBoolean()) {
      return Backend.CONTAINER;
    }
    if (explicitEtcdBinary != null || settings.get(Settings.ETCD_BINARY).isPresent()) {
      return Backend.PROCESS;
    }
    throw new ControlPlaneException("No Docker engine answers and no etcd binary is configured. Either start a Docker engine"
        + " (containers are then used), or point " + Settings.ETCD_BINARY + " (environment " + Settings.environmentName(Settings.ETCD_BINARY)
        + ") at an etcd executable to run local processes; control-plane/build builds one: eval \"$(control-plane/build)\".");
  }

  private static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
