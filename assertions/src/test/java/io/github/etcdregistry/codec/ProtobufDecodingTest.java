package io.github.etcdregistry.codec;

import static io.github.etcdregistry.codec.StoredValues.protobuf;
import static io.github.etcdregistry.codec.StoredValues.time;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Rbac;
import org.junit.jupiter.api.Test;

/** Built-in kinds stored as protobuf decode to the JSON the apiserver serves for them. */
class ProtobufDecodingTest {

  private final StorageCodec codec = StorageCodec.create();

  @Test
  void podWithContainersPortsResourcesAndProbes() {
    V1.Pod pod = V1.Pod.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder()
            .setName("nginx").setNamespace("default").setUid("6b1f0c1e").setResourceVersion("")
            .setCreationTimestamp(time("2026-11-28T01:02:03Z"))
            .putLabels("app", "web"))
        .setSpec(V1.PodSpec.newBuilder()
            .addContainers(V1.Container.newBuilder()
                .setName("nginx").setImage("nginx:1.27")
                .addArgs("-g").addArgs("daemon off;")
                .addPorts(V1.ContainerPort.newBuilder().setName("http").setContainerPort(80).setProtocol("TCP"))
                .setResources(V1.ResourceRequirements.newBuilder()
                    .putLimits("cpu", quantity("500m")).putLimits("memory", quantity("128Mi"))
                    .putRequests("cpu", quantity("250m")))
                .setReadinessProbe(V1.Probe.newBuilder()
                    .setHandler(V1.ProbeHandler.newBuilder().setHttpGet(V1.HTTPGetAction.newBuilder()
                        .setPath("/healthz").setPort(IntOrString.newBuilder().setType(1).setStrVal("http"))))
                    .setPeriodSeconds(10))
                .addEnvFrom(V1.EnvFromSource.newBuilder().setConfigMapRef(V1.ConfigMapEnvSource.newBuilder()
                    .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("settings")))))
            .addVolumes(V1.Volume.newBuilder().setName("config").setVolumeSource(V1.VolumeSource.newBuilder()
                .setConfigMap(V1.ConfigMapVolumeSource.newBuilder()
                    .setLocalObjectReference(V1.LocalObjectReference.newBuilder().setName("settings"))
                    .setDefaultMode(420))))
            .setTerminationGracePeriodSeconds(30)
            .setHostNetwork(false))
        .setStatus(V1.PodStatus.newBuilder().setPhase("Pending").setQosClass("Burstable"))
        .build();

    DecodedObject decoded = codec.decode("/registry/pods/default/nginx", protobuf("v1", "Pod", pod), 1234);

    assertThat(decoded.apiVersion()).isEqualTo("v1");
    assertThat(decoded.kind()).isEqualTo("Pod");
    assertThat(decoded.encoding()).isEqualTo(StorageEncoding.PROTOBUF);
    assertThat(decoded.encryption()).isEmpty();
    assertJson(decoded, """
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "name": "nginx", "namespace": "default", "uid": "6b1f0c1e", "resourceVersion": "1234",
            "creationTimestamp": "2026-11-28T01:02:03Z",
            "labels": {"app": "web"}
          },
          "spec": {
            "containers": [{
              "name": "nginx", "image": "nginx:1.27", "args": ["-g", "daemon off;"],
              "ports": [{"name": "http", "containerPort": 80, "protocol": "TCP"}],
              "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "250m"}},
              "readinessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 10},
              "envFrom": [{"configMapRef": {"name": "settings"}}]
            }],
            "volumes": [{"name": "config", "configMap": {"name": "settings", "defaultMode": 420}}],
            "terminationGracePeriodSeconds": 30,
            "hostNetwork": false
          },
          "status": {"phase": "Pending", "qosClass": "Burstable"}
        }
        """);
  }

  @Test
  void podConvertsToTheFabric8Model() {
    V1.Pod pod = V1.Pod.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("nginx").setNamespace("default"))
        .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder()
            .setName("nginx").setImage("nginx:1.27")
            .addPorts(V1.ContainerPort.newBuilder().setContainerPort(80))
            .setResources(V1.ResourceRequirements.newBuilder().putLimits("memory", quantity("128Mi")))
            .setLivenessProbe(V1.Probe.newBuilder().setHandler(V1.ProbeHandler.newBuilder()
                .setTcpSocket(V1.TCPSocketAction.newBuilder().setPort(IntOrString.newBuilder().setType(0).setIntVal(80)))))))
        .build();

    Pod model = codec.decode("/registry/pods/default/nginx", protobuf("v1", "Pod", pod), 7).as(Pod.class);

    assertThat(model.getMetadata().getName()).isEqualTo("nginx");
    assertThat(model.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(model.getSpec().getContainers()).singleElement().satisfies(container -> {
      assertThat(container.getImage()).isEqualTo("nginx:1.27");
      assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(80);
      assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("128Mi");
      assertThat(container.getLivenessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(80);
    });
  }

  @Test
  void serviceTargetPortsAreBareNumbersOrNames() {
    V1.Service service = V1.Service.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("web").setNamespace("default"))
        .setSpec(V1.ServiceSpec.newBuilder()
            .setType("ClusterIP").setClusterIP("10.96.0.10").addClusterIPs("10.96.0.10")
            .putSelector("app", "web")
            .addPorts(V1.ServicePort.newBuilder().setName("http").setPort(80).setProtocol("TCP")
                .setTargetPort(IntOrString.newBuilder().setType(0).setIntVal(8080)))
            .addPorts(V1.ServicePort.newBuilder().setName("admin").setPort(9000).setProtocol("TCP")
                .setTargetPort(IntOrString.newBuilder().setType(1).setStrVal("admin"))))
        .build();

    assertJson(codec.decode("/registry/services/specs/default/web", protobuf("v1", "Service", service), 5), """
        {
          "apiVersion": "v1", "kind": "Service",
          "metadata": {"name": "web", "namespace": "default", "resourceVersion": "5"},
          "spec": {
            "ports": [
              {"name": "http", "protocol": "TCP", "port": 80, "targetPort": 8080},
              {"name": "admin", "protocol": "TCP", "port": 9000, "targetPort": "admin"}
            ],
            "selector": {"app": "web"},
            "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"], "type": "ClusterIP"
          }
        }
        """);
  }

  @Test
  void secretDataIsBase64() {
    V1.Secret secret = V1.Secret.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("db").setNamespace("default"))
        .putData("password", ByteString.copyFrom("s3cr3t", UTF_8))
        .putData("empty", ByteString.EMPTY)
        .setType("Opaque")
        .build();

    DecodedObject decoded = codec.decode("/registry/secrets/default/db", protobuf("v1", "Secret", secret), 9);

    assertJson(decoded, """
        {
          "apiVersion": "v1", "kind": "Secret",
          "metadata": {"name": "db", "namespace": "default", "resourceVersion": "9"},
          "data": {"password": "czNjcjN0", "empty": ""},
          "type": "Opaque"
        }
        """);
    assertThat(decoded.as(Secret.class).getData()).containsEntry("password", "czNjcjN0");
    assertThat(decoded.toString()).doesNotContain("czNjcjN0");
  }

  @Test
  void configMapWithBinaryData() {
    V1.ConfigMap configMap = V1.ConfigMap.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("settings").setNamespace("default"))
        .putData("mode", "fast")
        .putBinaryData("blob", ByteString.copyFrom(new byte[] {0, 1, 2}))
        .setImmutable(true)
        .build();

    assertJson(codec.decode("/registry/configmaps/default/settings", protobuf("v1", "ConfigMap", configMap), 3), """
        {
          "apiVersion": "v1", "kind": "ConfigMap",
          "metadata": {"name": "settings", "namespace": "default", "resourceVersion": "3"},
          "immutable": true,
          "data": {"mode": "fast"},
          "binaryData": {"blob": "AAEC"}
        }
        """);
  }

  @Test
  void deploymentWithTemplateAndRollingUpdate() {
    V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("web").setNamespace("default").setGeneration(1)
            .setCreationTimestamp(time("2026-11-28T01:02:03Z")))
        .setSpec(V1Apps.DeploymentSpec.newBuilder()
            .setReplicas(3)
            .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
            .setTemplate(V1.PodTemplateSpec.newBuilder()
                // Go writes a zero creationTimestamp as an empty message; the apiserver shows null.
                .setMetadata(Meta.ObjectMeta.newBuilder().putLabels("app", "web")
                    .setCreationTimestamp(Meta.Time.getDefaultInstance()))
                .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("web").setImage("nginx"))))
            .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType("RollingUpdate")
                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                    .setMaxUnavailable(IntOrString.newBuilder().setType(1).setStrVal("25%"))
                    .setMaxSurge(IntOrString.newBuilder().setType(0).setIntVal(1))))
            .setRevisionHistoryLimit(10)
            .setProgressDeadlineSeconds(600))
        .setStatus(V1Apps.DeploymentStatus.newBuilder().setObservedGeneration(1).setReplicas(3))
        .build();

    DecodedObject decoded = codec.decode("/registry/deployments/default/web",
        protobuf("apps/v1", "Deployment", deployment), 77);

    assertJson(decoded, """
        {
          "apiVersion": "apps/v1", "kind": "Deployment",
          "metadata": {"name": "web", "namespace": "default", "generation": 1, "resourceVersion": "77",
                       "creationTimestamp": "2026-11-28T01:02:03Z"},
          "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
              "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
              "spec": {"containers": [{"name": "web", "image": "nginx"}]}
            },
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": 1}},
            "revisionHistoryLimit": 10,
            "progressDeadlineSeconds": 600
          },
          "status": {"observedGeneration": 1, "replicas": 3}
        }
        """);
    assertThat(decoded.as(Deployment.class).getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getStrVal())
        .isEqualTo("25%");
  }

  @Test
  void clusterRoleWithRulesAndAggregation() {
    V1Rbac.ClusterRole role = V1Rbac.ClusterRole.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("pod-reader"))
        .addRules(V1Rbac.PolicyRule.newBuilder().addApiGroups("").addResources("pods").addVerbs("get").addVerbs("list"))
        .addRules(V1Rbac.PolicyRule.newBuilder().addNonResourceURLs("/healthz").addVerbs("get"))
        .setAggregationRule(V1Rbac.AggregationRule.newBuilder().addClusterRoleSelectors(
            Meta.LabelSelector.newBuilder().addMatchExpressions(Meta.LabelSelectorRequirement.newBuilder()
                .setKey("rbac.example.com/aggregate").setOperator("In").addValues("true"))))
        .build();

    assertJson(codec.decode("/registry/clusterroles/pod-reader",
        protobuf("rbac.authorization.k8s.io/v1", "ClusterRole", role), 11), """
        {
          "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
          "metadata": {"name": "pod-reader", "resourceVersion": "11"},
          "rules": [
            {"verbs": ["get", "list"], "apiGroups": [""], "resources": ["pods"]},
            {"verbs": ["get"], "nonResourceURLs": ["/healthz"]}
          ],
          "aggregationRule": {"clusterRoleSelectors": [
            {"matchExpressions": [{"key": "rbac.example.com/aggregate", "operator": "In", "values": ["true"]}]}
          ]}
        }
        """);
  }

  @Test
  void managedFieldsCarryTheirFieldsV1AsJson() {
    V1.ConfigMap configMap = V1.ConfigMap.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("settings").setNamespace("default")
            .addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
                .setManager("kubectl-client-side-apply").setOperation("Update").setApiVersion("v1")
                .setTime(time("2026-11-28T01:02:03Z")).setFieldsType("FieldsV1")
                .setFieldsV1(Meta.FieldsV1.newBuilder()
                    .setRaw(ByteString.copyFromUtf8("{\"f:data\":{\".\":{},\"f:mode\":{}}}")))))
        .putData("mode", "fast")
        .build();

    assertJson(codec.decode("/registry/configmaps/default/settings", protobuf("v1", "ConfigMap", configMap), 2), """
        {
          "apiVersion": "v1", "kind": "ConfigMap",
          "metadata": {
            "name": "settings", "namespace": "default", "resourceVersion": "2",
            "managedFields": [{
              "manager": "kubectl-client-side-apply", "operation": "Update", "apiVersion": "v1",
              "time": "2026-11-28T01:02:03Z", "fieldsType": "FieldsV1",
              "fieldsV1": {"f:data": {".": {}, "f:mode": {}}}
            }]
          },
          "data": {"mode": "fast"}
        }
        """);
  }

  @Test
  void resourceVersionComesFromTheModRevision() {
    V1.Namespace namespace = V1.Namespace.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("team-a").setResourceVersion(""))
        .build();

    DecodedObject decoded = codec.decode("/registry/namespaces/team-a", protobuf("v1", "Namespace", namespace), 987654321L);

    assertThat(decoded.json().path("metadata").path("resourceVersion").asText()).isEqualTo("987654321");
  }

  @Test
  void jsonAndYamlViews() throws Exception {
    V1.ConfigMap configMap = V1.ConfigMap.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("settings").setNamespace("default"))
        .putData("replicas", "3")
        .build();

    DecodedObject decoded = codec.decode("/registry/configmaps/default/settings", protobuf("v1", "ConfigMap", configMap), 42);

    assertThat(Serialization.JSON.readTree(decoded.toJson())).isEqualTo(decoded.json());
    assertThat(decoded.toYaml())
        .startsWith("apiVersion: v1\nkind: ConfigMap\n")
        .contains("resourceVersion: \"42\"", "replicas: \"3\"");
    assertThat(decoded).hasToString("v1 ConfigMap default/settings (protobuf, /registry/configmaps/default/settings)");
  }

  @Test
  void jsonViewIsACopy() {
    V1.Namespace namespace = V1.Namespace.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("a")).build();
    DecodedObject decoded = codec.decode("/registry/namespaces/a", protobuf("v1", "Namespace", namespace), 1);

    decoded.json().put("kind", "Changed");

    assertThat(decoded.kind()).isEqualTo("Namespace");
  }

  static Quantity quantity(String text) {
    return Quantity.newBuilder().setString(text).build();
  }

  static void assertJson(DecodedObject decoded, String expected) {
    try {
      assertThat(decoded.json()).isEqualTo(Serialization.JSON.readTree(expected));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
