package io.github.etcdregistry.controlplane.internal.reuse;

import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.controlplane.Setting;
import io.github.etcdregistry.controlplane.Settings;
import io.github.etcdregistry.controlplane.internal.ExistingCluster;
import io.github.etcdregistry.controlplane.internal.KubernetesSchemas;
import io.github.etcdregistry.controlplane.internal.Owner;
import io.github.etcdregistry.internal.Poll;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A reused control plane as the JVM keeping it records it, once it runs: the settings that attach to it
 * ({@link ExistingCluster}), which processes must be alive (that JVM and its etcd, kube-apiserver and
 * kube-controller-manager, by pid and start time) and how to ask etcd and kube-apiserver whether they are healthy.
 */
public record ReuseState(Map<String, String> attachSettings, Owner keeper, List<Owner> processes, URI kubeApiServer, Path ca, Path adminCert,
    Path adminKey, String kubernetesVersion) {

  private static final String ATTACH = "attach.";
  private static final String PROCESS = "process.";
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Duration RECENT = Duration.ofSeconds(3);

  /** What the keeping JVM records of the control plane it started. */
  public static ReuseState of(ControlPlane running, Settings settings) {
    List<Owner> children = ProcessHandle.current().children()
        .map(child -> new Owner(child.pid(), child.info().startInstant().map(Instant::toEpochMilli).orElse(0L),
            Owner.current().host()))
        .toList();
    Map<String, String> attach = new LinkedHashMap<>(running.existingClusterSettings());
    // decoded with the running release's own schemas, as the control plane itself does
    KubernetesSchemas.descriptorSet(settings, running.kubernetesVersion().toString())
        .ifPresent(schemas -> attach.put(Setting.EXISTING_SCHEMAS.key(), schemas.toString()));
    return new ReuseState(attach, Owner.current(), children, running.kubeApiServerUrl(),
        running.pki().caCert(), running.pki().adminCert(), running.pki().adminKey(), running.kubernetesVersion().toString());
  }

  public Properties toProperties() {
    Properties properties = new Properties();
    attachSettings.forEach((name, value) -> properties.setProperty(ATTACH + name, value));
    properties.setProperty("keeper", keeper.environmentValue());
    for (int i = 0; i < processes.size(); i++) {
      properties.setProperty(PROCESS + i, processes.get(i).environmentValue());
    }
    properties.setProperty("kube-apiserver", kubeApiServer.toString());
    properties.setProperty("ca", ca.toString());
    properties.setProperty("admin.cert", adminCert.toString());
    properties.setProperty("admin.key", adminKey.toString());
    properties.setProperty("kubernetes.version", kubernetesVersion);
    return properties;
  }

  public static ReuseState of(Properties properties) {
    Map<String, String> attach = new LinkedHashMap<>();
    List<Owner> processes = new ArrayList<>();
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(ATTACH)) {
        attach.put(name.substring(ATTACH.length()), properties.getProperty(name));
      } else if (name.startsWith(PROCESS)) {
        processes.add(owner(properties.getProperty(name)));
      }
    }
    return new ReuseState(attach, owner(properties.getProperty("keeper")), processes, URI.create(properties.getProperty("kube-apiserver")),
        Path.of(properties.getProperty("ca")), Path.of(properties.getProperty("admin.cert")), Path.of(properties.getProperty("admin.key")),
        properties.getProperty("kubernetes.version"));
  }

  /** Settings for {@link ExistingCluster#attach(Settings)}. */
  public Settings settings() {
    Properties properties = new Properties();
    properties.putAll(attachSettings);
    return new Settings(properties, Map.of());
  }

  /**
   * What is wrong with it — a process gone, etcd or kube-apiserver not answering healthy — or empty when it can be used.
   * The keeping JVM probes etcd and kube-apiserver every second and marks {@link ReuseDirectory#HEALTHY} when they
   * answer; without such a recent mark this JVM probes them itself. A slow answer is no failure: a cold JVM's first TLS
   * handshake on a busy machine can outlast a probe's timeout, so its probes are repeated for a few seconds while every
   * process is alive.
   */
  public Optional<String> problem(ReuseDirectory directory) {
    Optional<String> gone = processGone();
    if (gone.isPresent() || directory.healthyWithin(RECENT)) {
      return gone;
    }
    ReuseHealth health = new ReuseHealth(this);
    Poll.Result<Optional<String>> probed = Poll.atMost(PATIENCE).every(Duration.ofMillis(100)).giveUpWhenPresent(this::processGone)
        .until(health::problem, Optional::isEmpty);
    return probed.outcome() == Poll.Outcome.GAVE_UP ? probed.reason() : probed.last();
  }

  private Optional<String> processGone() {
    if (keeper.isGone()) {
      return Optional.of("the JVM that kept it (pid " + keeper.pid() + ") is gone");
    }
    return processes.stream().filter(Owner::isGone).findFirst().map(process -> "its process " + process.pid() + " is gone");
  }

  /** Stops the keeping JVM, which stops its components as any JVM does at exit, and whatever of them outlives it. */
  public void stop() {
    ProcessHandle.of(keeper.pid()).filter(process -> !keeper.isGone()).ifPresent(process -> {
      process.destroy();
      try {
        process.onExit().get(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        process.destroyForcibly();
      }
    });
    for (Owner component : processes) {
      ProcessHandle.of(component.pid()).filter(process -> !component.isGone()).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private static Owner owner(String value) {
    String[] parts = value.split(":", 3);
    return new Owner(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2]);
  }
}
