package io.github.etcdregistry.benchmarks.child;

import com.google.protobuf.ByteString;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.github.etcdregistry.controlplane.Backend;
import io.github.etcdregistry.controlplane.ControlPlane;
import io.github.etcdregistry.registry.RegistryEntry;
import io.kubernetes.client.proto.V1;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Realistic stored Pods: created through a real kube-apiserver (which adds its defaults, tolerations, managedFields,
 * status) in the shapes controllers produce — Deployment and StatefulSet replicas, Jobs, sidecars, init containers —
 * then read back from etcd byte for byte.
 */
final class PodCorpus {

  private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
  private static final List<String> NAMESPACES = List.of("default", "shop", "payments", "monitoring");

  /** One stored value, as etcd returned it. */
  record Entry(String key, byte[] value, long modRevision) {}

  private PodCorpus() {}

  static void create(Path file, int pods) throws Exception {
    try (ControlPlane controlPlane = new ControlPlane().withBackend(Backend.PROCESS).withKubeApiServer(true)) {
      Out.track(controlPlane);
      controlPlane.start();
      KubernetesClient kube = controlPlane.kubernetesClient();
      for (String namespace : NAMESPACES.subList(1, NAMESPACES.size())) {
        kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
      }
      for (int i = 0; i < pods; i++) {
        kube.pods().inNamespace(NAMESPACES.get(i % NAMESPACES.size())).resource(pod(i)).create();
      }
      List<RegistryEntry> stored = controlPlane.registry().entries("/registry/pods/");
      if (stored.size() != pods) {
        throw new IllegalStateException("expected " + pods + " Pods in etcd, found " + stored.size());
      }
      List<Entry> entries = new ArrayList<>();
      long bytes = 0;
      for (RegistryEntry entry : stored) {
        entry.decode().as(Pod.class); // every value must decode before it is worth timing
        entries.add(new Entry(entry.key(), entry.value(), entry.modRevision()));
        bytes += entry.value().length;
      }
      write(file, entries);
      Out.info("pods", entries.size());
      Out.info("bytes.average", bytes / entries.size());
      Out.info("bytes.min", entries.stream().mapToInt(e -> e.value().length).min().orElse(0));
      Out.info("bytes.max", entries.stream().mapToInt(e -> e.value().length).max().orElse(0));
      Out.closed(controlPlane);
    }
  }

  static List<Entry> read(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
      int count = in.readInt();
      List<Entry> entries = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String key = in.readUTF();
        long modRevision = in.readLong();
        byte[] value = new byte[in.readInt()];
        in.readFully(value);
        entries.add(new Entry(key, value, modRevision));
      }
      return entries;
    }
  }

  private static void write(Path file, List<Entry> entries) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream raw = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(raw)) {
      out.writeInt(entries.size());
      for (Entry entry : entries) {
        out.writeUTF(entry.key());
        out.writeLong(entry.modRevision());
        out.writeInt(entry.value().length);
        out.write(entry.value());
      }
    }
  }

  /**
   * The same stored Pod under another name (and uid): the protobuf envelope is re-encoded with client-java-proto, the
   * way kube-apiserver would have written it.
   */
  static Entry renamed(Entry template, String name) throws IOException {
    io.kubernetes.client.proto.Runtime.Unknown unknown = io.kubernetes.client.proto.Runtime.Unknown.parseFrom(
        ByteString.copyFrom(template.value(), MAGIC.length, template.value().length - MAGIC.length));
    V1.Pod pod = V1.Pod.parseFrom(unknown.getRaw());
    V1.Pod copy = pod.toBuilder()
        .setMetadata(pod.getMetadata().toBuilder().setName(name).setUid(UUID.randomUUID().toString()))
        .build();
    byte[] body = unknown.toBuilder().setRaw(copy.toByteString()).build().toByteArray();
    byte[] value = Arrays.copyOf(MAGIC, MAGIC.length + body.length);
    System.arraycopy(body, 0, value, MAGIC.length, body.length);
    String key = template.key().substring(0, template.key().lastIndexOf('/') + 1) + name;
    return new Entry(key, value, 0);
  }

  /** Pod number i, in one of five shapes. */
  static Pod pod(int i) {
    String app = List.of("web", "checkout", "cart", "search", "prometheus", "ledger", "worker").get(i % 7);
    String hash = Integer.toHexString(0x5d8f6c7 + i * 7919).substring(0, 7);
    String name = app + "-" + hash + "-" + Integer.toString(36 * 36 * 36 + i * 1301, 36);
    Map<String, String> labels = new HashMap<>(Map.of("app.kubernetes.io/name", app, "app.kubernetes.io/part-of", "shop",
        "pod-template-hash", hash));
    for (int l = 0; l < i % 4; l++) {
      labels.put("example.com/label-" + l, "value-" + (i * 31 + l));
    }
    Map<String, String> annotations = new HashMap<>(Map.of("prometheus.io/scrape", String.valueOf(i % 2 == 0),
        "prometheus.io/port", "9090"));
    if (i % 3 == 0) {
      annotations.put("kubectl.kubernetes.io/restartedAt", "2026-05-0" + (1 + i % 9) + "T10:15:30Z");
    }
    if (i % 5 == 0) {
      annotations.put("kubectl.kubernetes.io/last-applied-configuration", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\""
          + name + "\",\"labels\":{\"app.kubernetes.io/name\":\"" + app + "\"}},\"spec\":{\"containers\":[{\"name\":\"" + app
          + "\",\"image\":\"registry.example.com/shop/" + app + ":1." + i + ".0\"}]}}");
    }
    String owner = i % 5 == 3 ? "StatefulSet" : i % 5 == 4 ? "Job" : "ReplicaSet";
    String ownerApi = owner.equals("Job") ? "batch/v1" : "apps/v1";

    PodBuilder pod = new PodBuilder()
        .withNewMetadata().withName(name).withLabels(labels).withAnnotations(annotations)
        .addNewOwnerReference().withApiVersion(ownerApi).withKind(owner).withName(owner.equals("ReplicaSet") ? app + "-" + hash : app)
        .withUid(UUID.nameUUIDFromBytes((app + owner).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
        .withController(true).withBlockOwnerDeletion(true).endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .withContainers(appContainer(app, i))
        .withRestartPolicy(owner.equals("Job") ? "OnFailure" : "Always")
        .withTerminationGracePeriodSeconds(30L + i % 3 * 15)
        .withServiceAccountName(app)
        .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(10_000L + i % 3).withFsGroup(2000L)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
        .addNewVolume().withName("config").withNewConfigMap().withName(app + "-config").withDefaultMode(0644).endConfigMap().endVolume()
        .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("64Mi")).endEmptyDir().endVolume()
        .addNewVolume().withName("kube-api-access").withNewProjected().withDefaultMode(0644)
        .addNewSource().withNewServiceAccountToken().withPath("token").withExpirationSeconds(3607L).endServiceAccountToken().endSource()
        .addNewSource().withNewConfigMap().withName("kube-root-ca.crt").addNewItem().withKey("ca.crt").withPath("ca.crt").endItem()
        .endConfigMap().endSource()
        .endProjected().endVolume()
        .endSpec();
    if (i % 2 == 1) {
      pod.editSpec().addToContainers(new ContainerBuilder().withName("envoy").withImage("envoyproxy/envoy:v1.31." + i % 4)
          .withArgs("--config-path", "/etc/envoy/envoy.yaml", "--log-level", "warn")
          .addNewPort().withName("admin").withContainerPort(9901).endPort()
          .withNewResources().addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("64Mi"))
          .addToLimits("memory", new Quantity("128Mi")).endResources()
          .build()).endSpec();
    }
    if (i % 4 == 2) {
      pod.editSpec().addNewInitContainer().withName("migrate").withImage("registry.example.com/shop/migrate:2." + i)
          .withCommand("/bin/migrate", "--to", "latest").addNewEnv().withName("DATABASE_URL").withNewValueFrom()
          .withNewSecretKeyRef("url", app + "-db", false).endValueFrom().endEnv().endInitContainer().endSpec();
    }
    if (i % 3 == 1) {
      pod.editSpec().withNodeSelector(Map.of("kubernetes.io/os", "linux", "node.example.com/pool", "general"))
          .withNewAffinity().withNewPodAntiAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution().withWeight(100)
          .withNewPodAffinityTerm().withTopologyKey("kubernetes.io/hostname").withNewLabelSelector()
          .addToMatchLabels("app.kubernetes.io/name", app).endLabelSelector().endPodAffinityTerm()
          .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().endAffinity()
          .addNewToleration().withKey("dedicated").withOperator("Equal").withValue("shop").withEffect("NoSchedule").endToleration()
          .endSpec();
    }
    if (owner.equals("StatefulSet")) {
      pod.editSpec().withHostname(name).withSubdomain(app).addNewVolume().withName("data").withNewPersistentVolumeClaim()
          .withClaimName("data-" + name).endPersistentVolumeClaim().endVolume().endSpec();
    }
    return pod.build();
  }

  private static Container appContainer(String app, int i) {
    ContainerBuilder container = new ContainerBuilder()
        .withName(app).withImage("registry.example.com/shop/" + app + ":1." + i + ".0").withImagePullPolicy("IfNotPresent")
        .addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort()
        .addNewPort().withName("metrics").withContainerPort(9090).endPort()
        .withNewResources().addToRequests("cpu", new Quantity((100 + i % 4 * 150) + "m"))
        .addToRequests("memory", new Quantity((128 << i % 3) + "Mi")).addToLimits("memory", new Quantity((256 << i % 3) + "Mi"))
        .endResources()
        .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withPort(new IntOrString("http")).endHttpGet()
        .withInitialDelaySeconds(2).withPeriodSeconds(5).withFailureThreshold(3).endReadinessProbe()
        .withNewLivenessProbe().withNewHttpGet().withPath("/healthz").withPort(new IntOrString(8080)).endHttpGet()
        .withPeriodSeconds(10).withTimeoutSeconds(2).endLivenessProbe()
        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
        .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
        .addNewVolumeMount().withName("config").withMountPath("/etc/" + app).withReadOnly(true).endVolumeMount()
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .addNewVolumeMount().withName("kube-api-access").withMountPath("/var/run/secrets/kubernetes.io/serviceaccount")
        .withReadOnly(true).endVolumeMount();
    container.addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef()
        .endValueFrom().endEnv();
    container.addNewEnv().withName("POD_IP").withNewValueFrom().withNewFieldRef().withFieldPath("status.podIP").endFieldRef()
        .endValueFrom().endEnv();
    for (int e = 0; e < 2 + i % 6; e++) {
      container.addNewEnv().withName("SETTING_" + e).withValue("value-" + e + "-" + i).endEnv();
    }
    if (i % 2 == 0) {
      container.addNewEnvFrom().withNewConfigMapRef().withName(app + "-env").endConfigMapRef().endEnvFrom();
    }
    return container.build();
  }
}
