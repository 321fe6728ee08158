package io.github.etcdregistry.controlplane.internal.container;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.github.etcdregistry.controlplane.ControlPlaneException;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.internal.Leftovers;
import io.github.etcdregistry.controlplane.internal.Owner;
import io.github.etcdregistry.controlplane.internal.PkiPaths;
import io.github.etcdregistry.internal.Poll;
import io.github.etcdregistry.pki.ClusterPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A control-plane component in a container: the binary is the entrypoint (so official images and local
 * {@code FROM scratch} ones behave alike), the PKI is copied in with the modes it has on the host, and
 * the container is labelled so leftovers can be found.
 */
public final class ComponentContainer extends GenericContainer<ComponentContainer> {

  public static final String LABEL = "io.github.etcdregistry";
  public static final String CONTROL_PLANE_LABEL = LABEL + ".control-plane";

  private volatile boolean stopping;

  private final DockerImageName image;

  public ComponentContainer(DockerImageName image, String binary, List<String> flags, Network network, String alias, int port,
      String controlPlaneId, String publishAddress) {
    super(image);
    this.image = image;
    // root explicitly: an image built to run as another user (USER 65532) could not read the 0600 keys copied in as root
    withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint(binary).withUser("0:0"));
    if (port > 0) { // 0: a component that serves nothing (kube-scheduler, kwok)
      // Testcontainers publishes on every address; a test's etcd and kube-apiserver need only this machine
      withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
          new PortBinding(Ports.Binding.bindIp(publishAddress), ExposedPort.tcp(port))));
      withExposedPorts(port);
    }
    withCommand(flags.toArray(String[]::new));
    if (network != null) { // etcd alone needs no network of its own: nobody else has to reach it by name
      withNetwork(network);
      withNetworkAliases(alias);
    }
    withLabels(labels(controlPlaneId, Map.of(LABEL + ".component", alias)));
  }

  /** Ours, which control plane's, and which JVM's, so that {@link Leftovers} can remove it once that JVM is gone. */
  public static Map<String, String> labels(String controlPlaneId, Map<String, String> more) {
    Map<String, String> labels = new HashMap<>(more);
    labels.put(LABEL, "true");
    labels.put(CONTROL_PLANE_LABEL, controlPlaneId);
    labels.putAll(Owner.current().labels());
    return labels;
  }

  /**
   * Starts the container; a failure names the image and the setting that chooses it, and keeps the cause
   * (which carries the container's log when it ran at all).
   */
  public void startOrExplain(String component, Setting imageSetting) {
    String remedy = "unset " + imageSetting + " (environment " + imageSetting.environmentName() + ") to have an image built"
        + " here from the binary artifacts, point it at a mirror (or set " + Setting.IMAGE_REGISTRY + "), or use the process backend ("
        + Setting.BACKEND + "=process).";
    if (!LocalImages.present(image)) {
      // built here from binaries (LocalImages, control-plane/build): no registry has them, so pulling one only wastes minutes
      if (image.getUnversionedPart().startsWith(LocalImages.REPOSITORY)) {
        throw new ControlPlaneException("The image " + image + " for " + component + " is not in this Docker engine, and no registry"
            + " has it: " + remedy);
      }
      pullOnceUnlessUnreachable(component, remedy);
    }
    try {
      start();
    } catch (RuntimeException e) {
      // the image's name as given: asking the container for it would resolve (and pull) the image once more
      throw new ControlPlaneException("Could not start " + component + " in a container from image " + image + ": " + rootMessage(e)
          + System.lineSeparator() + "If the image cannot be pulled here, " + remedy, e);
    }
  }

  /** The image as configured; {@code getDockerImageName()} would resolve it, and may pull. */
  public DockerImageName image() {
    return image;
  }

  /**
   * One pull of our own before Testcontainers': where no registry can be reached, that fails in milliseconds, while
   * Testcontainers retries for minutes (and again when it logs the failure). Any other failure, say a registry that
   * wants credentials Testcontainers knows how to find, is left to Testcontainers' own pull.
   */
  private void pullOnceUnlessUnreachable(String component, String remedy) {
    try {
      getDockerClient().pullImageCmd(image.getUnversionedPart()).withTag(image.getVersionPart()).start()
          .awaitCompletion(10, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlPlaneException("Interrupted while pulling " + image, e);
    } catch (RuntimeException e) {
      String reason = rootMessage(e);
      if (UNREACHABLE.matcher(reason).find()) {
        throw new ControlPlaneException("The image " + image + " for " + component + " is not in this Docker engine, and its registry"
            + " cannot be reached: " + reason + System.lineSeparator() + "Pull it where a registry answers, or " + remedy, e);
      }
    }
  }

  private static final Pattern UNREACHABLE = Pattern.compile(
      "no such host|dial tcp|connection refused|i/o timeout|network is unreachable|no route to host|TLS handshake timeout");

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
  }

  /**
   * Empty while it runs (or before it started, or after {@link #stopDeliberately()}); else its state, exit code,
   * when it finished, and its last log lines.
   */
  public Optional<String> exitReport(String component) {
    String id = getContainerId();
    if (stopping || id == null) {
      return Optional.empty();
    }
    String shortId = id.substring(0, Math.min(12, id.length()));
    InspectContainerResponse.ContainerState state;
    try {
      state = getDockerClient().inspectContainerCmd(id).exec().getState();
    } catch (NotFoundException e) {
      return Optional.of(component + " container " + shortId + " was removed");
    } catch (RuntimeException e) {
      return Optional.empty(); // Docker did not answer: no verdict on the container
    }
    if (Boolean.TRUE.equals(state.getRunning()) && !Boolean.TRUE.equals(state.getPaused())) {
      return Optional.empty();
    }
    String logs;
    try {
      logs = ContainerLogs.tail(getLogs(), 10);
    } catch (RuntimeException e) {
      logs = "(no logs: " + e.getMessage() + ")";
    }
    return Optional.of(component + " container " + shortId + " is " + state.getStatus() + " (exit code "
        + state.getExitCodeLong() + ") since " + state.getFinishedAt() + "; last log lines:" + System.lineSeparator() + logs);
  }

  /**
   * Stops the container but keeps it, with its data, for {@link #startAgain()}; meanwhile its end is no failure.
   * SIGTERM, then SIGKILL if it still runs after {@code grace} ({@code docker stop} counts in whole seconds).
   */
  public void stopKeepingData(Duration grace) {
    stopping = true;
    if (getContainerId() == null || !isRunning()) {
      return;
    }
    getDockerClient().killContainerCmd(getContainerId()).withSignal("TERM").exec();
    if (!Poll.atMost(grace).every(Duration.ofMillis(25)).until(() -> !isRunning()).last()) {
      try {
        getDockerClient().killContainerCmd(getContainerId()).exec();
      } catch (ConflictException endedMeanwhile) {
        // not running any more: what the kill was for
      }
      Poll.atMost(Duration.ofSeconds(5)).every(Duration.ofMillis(25)).until(() -> !isRunning());
    }
  }

  /** Starts a container stopped by {@link #stopKeepingData(Duration)}; Docker may publish its port on another host port. */
  public void startAgain() {
    getDockerClient().startContainerCmd(getContainerId()).exec();
    stopping = false;
  }

  /** The host port the container's {@code port} is published on now (it changes across {@link #startAgain()}). */
  public int currentMappedPort(int port) {
    var bindings = getCurrentContainerInfo().getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(port));
    if (bindings == null || bindings.length == 0) {
      return getMappedPort(port);
    }
    return Integer.parseInt(bindings[0].getHostPortSpec());
  }

  /** Stops the container; from now on its end is no failure. */
  public void stopDeliberately() {
    stopping = true;
    stop();
  }

  /** The last lines the container logged, or nothing once it is gone. */
  public String recentLogs(int lines) {
    return isRunning() ? ContainerLogs.tail(getLogs(), lines) : "";
  }

  /**
   * Copies the PKI files this component needs to where {@link PkiPaths#inContainer(ClusterPki)} expects them; private keys stay
   * readable by the owner only. Only kube-controller-manager gets a CA's private key ({@code ca.key}): it signs
   * certificates with it.
   */
  public ComponentContainer withPkiFiles(ClusterPki pki, Path... files) {
    for (Path file : files) {
      String inside = PkiPaths.inContainer(pki).of(file);
      int mode = file.getFileName().toString().endsWith(".key") ? 0600 : 0644;
      withCopyToContainer(Transferable.of(readAll(file), mode), inside);
    }
    return self();
  }

  public static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ControlPlaneException("Could not read PKI file " + file, e);
    }
  }
}
