package io.github.etcdregistry.controlplane.internal;

import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.testcontainers.DockerClientFactory;

/**
 * Picks the backend: an explicit choice, else {@code etcdregistry.backend}, else {@code auto} — local processes when
 * every binary they need is configured, cached or on the class path (they start in a fraction of a container's time),
 * else containers when a Docker engine answers, and otherwise one message naming both remedies. An engine that answers
 * but speaks no Docker API version the client asks for is named as such, with the {@code api.version} to set.
 */
public final class BackendChoice {

  private final Settings settings;
  private final BooleanSupplier dockerAnswers;
  private final Supplier<Optional<String>> apiMismatch;

  public BackendChoice(Settings settings) {
    this(settings, BackendChoice::dockerAnswers, DockerApiVersions::mismatch);
  }

  /** {@code apiMismatch}: asked only when Docker does not answer Testcontainers, why an engine that answers does not. */
  public BackendChoice(Settings settings, BooleanSupplier dockerAnswers, Supplier<Optional<String>> apiMismatch) {
    this.settings = settings;
    this.dockerAnswers = dockerAnswers;
    this.apiMismatch = apiMismatch;
  }

  /** {@code missingLocalBinary}: why local processes cannot run (a binary is missing), or empty when they can. */
  public Backend resolve(Backend explicit, Supplier<Optional<String>> missingLocalBinary) {
    Backend wanted = explicit != null && explicit != Backend.AUTO
        ? explicit
        : settings.get(Setting.BACKEND).map(s -> Backend.parse(s.value(), s.source())).orElse(Backend.AUTO);
    if (wanted == Backend.CONTAINER && !dockerAnswers.getAsBoolean()) {
      String chosen = "The container backend was chosen" + (explicit == Backend.CONTAINER ? "" : " by "
          + settings.get(Setting.BACKEND).map(Settings.Value::source).orElse(Setting.BACKEND.key()));
      apiMismatch.get().ifPresent(mismatch -> {
        throw new ControlPlaneException(chosen + ", but Testcontainers cannot talk to the Docker engine: " + mismatch);
      });
      throw new ControlPlaneException(chosen + ", but no Docker engine answers."
          + " Start one (Docker Desktop, or `sudo dockerd`; scripts/docker-engine here), check DOCKER_HOST and that you may use its"
          + " socket (the docker group), or run local processes instead: backend = PROCESS (" + Setting.BACKEND + "=process), with"
          + " the binaries that etcd-registry-extension brings for this platform.");
    }
    if (wanted != Backend.AUTO) {
      return wanted;
    }
    if (ExistingCluster.isConfigured(settings)) {
      return Backend.EXISTING;
    }
    Optional<String> missing = missingLocalBinary.get();
    if (missing.isEmpty()) {
      return Backend.PROCESS;
    }
    if (dockerAnswers.getAsBoolean()) {
      return Backend.CONTAINER;
    }
    apiMismatch.get().ifPresent(mismatch -> {
      throw new ControlPlaneException("Local processes cannot run: " + missing.get() + " And Testcontainers cannot talk to the"
          + " Docker engine, which containers need: " + mismatch);
    });
    throw new ControlPlaneException("No Docker engine answers, and local processes cannot run: " + missing.get()
        + " Or start a Docker engine: containers are then used.");
  }

  private static boolean dockerAnswers() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }
}
