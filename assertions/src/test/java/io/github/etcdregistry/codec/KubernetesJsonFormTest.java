package io.github.etcdregistry.codec;

import static io.github.etcdregistry.codec.ProtobufDecodingTest.assertJson;
import static io.github.etcdregistry.codec.ProtobufDecodingTest.quantity;
import static io.github.etcdregistry.codec.StoredValues.microTime;
import static io.github.etcdregistry.codec.StoredValues.protobuf;
import static io.github.etcdregistry.codec.StoredValues.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Events;
import io.kubernetes.client.proto.V1Networking;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The proto types whose Kubernetes JSON is special, and the fields whose JSON name is not the proto name. */
class KubernetesJsonFormTest {

  private final StorageCodec codec = StorageCodec.create();

  @Test
  void eventTimesInMicroseconds() throws Exception {
    V1.Event event = V1.Event.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("web.1").setNamespace("default"))
        .setInvolvedObject(V1.ObjectReference.newBuilder().setKind("Pod").setName("web").setNamespace("default"))
        .setReason("Pulled").setMessage("pulled").setType("Normal").setCount(2)
        .setFirstTimestamp(time("2026-11-28T01:02:03Z"))
        .setEventTime(microTime("2026-11-28T01:02:03.123456789Z"))
        .setSeries(V1.EventSeries.newBuilder().setCount(2).setLastObservedTime(microTime("2026-11-28T01:02:04Z")))
        .setReportingComponent("kubelet")
        .build();

    assertJson(codec.decode("/registry/events/default/web.1", protobuf("v1", "Event", event), 8), """
        {
          "apiVersion": "v1", "kind": "Event",
          "metadata": {"name": "web.1", "namespace": "default", "resourceVersion": "8"},
          "involvedObject": {"kind": "Pod", "namespace": "default", "name": "web"},
          "reason": "Pulled", "message": "pulled", "type": "Normal", "count": 2,
          "firstTimestamp": "2026-11-28T01:02:03Z",
          "eventTime": "2026-11-28T01:02:03.123456Z",
          "series": {"count": 2, "lastObservedTime": "2026-11-28T01:02:04.000000Z"},
          "reportingComponent": "kubelet"
        }
        """);
  }

  @Test
  void eventsApiEventAndLease() throws Exception {
    V1Events.Event event = V1Events.Event.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("e").setNamespace("default"))
        .setEventTime(microTime("2026-11-28T01:02:03.5Z"))
        .setReportingController("example.com/controller")
        .build();
    V1Coordination.Lease lease = V1Coordination.Lease.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("node-1").setNamespace("kube-node-lease"))
        .setSpec(V1Coordination.LeaseSpec.newBuilder().setHolderIdentity("node-1").setLeaseDurationSeconds(40)
            .setRenewTime(microTime("2026-11-28T01:02:03.000042Z")))
        .build();

    assertThat(codec.decode("/registry/events/default/e", protobuf("events.k8s.io/v1", "Event", event), 1)
        .json().path("eventTime").asText()).isEqualTo("2026-11-28T01:02:03.500000Z");
    assertThat(codec.decode("/registry/leases/kube-node-lease/node-1",
        protobuf("coordination.k8s.io/v1", "Lease", lease), 1).json().path("spec"))
        .isEqualTo(Serialization.JSON.readTree("""
            {"holderIdentity": "node-1", "leaseDurationSeconds": 40, "renewTime": "2026-11-28T01:02:03.000042Z"}
            """));
  }

  @Test
  void goZeroTimeIsNull() throws Exception {
    V1.Namespace namespace = V1.Namespace.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("a")
            .setCreationTimestamp(time("0001-01-01T00:00:00Z"))
            .setDeletionTimestamp(time("1970-01-01T00:00:00Z")))
        .build();

    var metadata = codec.decode("/registry/namespaces/a", protobuf("v1", "Namespace", namespace), 1).json().path("metadata");

    assertThat(metadata.path("creationTimestamp").isNull()).isTrue();
    assertThat(metadata.path("deletionTimestamp").asText()).isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void nodeQuantitiesAndTheUpperCasePortOfDaemonEndpoint() throws Exception {
    V1.Node node = V1.Node.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("node-1"))
        .setSpec(V1.NodeSpec.newBuilder().setPodCIDR("10.244.0.0/24").addPodCIDRs("10.244.0.0/24"))
        .setStatus(V1.NodeStatus.newBuilder()
            .putCapacity("cpu", quantity("4")).putCapacity("memory", quantity("16Gi"))
            .setDaemonEndpoints(V1.NodeDaemonEndpoints.newBuilder()
                .setKubeletEndpoint(V1.DaemonEndpoint.newBuilder().setPort(10250)))
            .addAddresses(V1.NodeAddress.newBuilder().setType("InternalIP").setAddress("172.18.0.2")))
        .build();

    assertJson(codec.decode("/registry/minions/node-1", protobuf("v1", "Node", node), 4), """
        {
          "apiVersion": "v1", "kind": "Node",
          "metadata": {"name": "node-1", "resourceVersion": "4"},
          "spec": {"podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24"]},
          "status": {
            "capacity": {"cpu": "4", "memory": "16Gi"},
            "addresses": [{"type": "InternalIP", "address": "172.18.0.2"}],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}}
          }
        }
        """);
  }

  @Test
  void webhookConfigurationNamesAndInlinedRules() throws Exception {
    V1Admissionregistration.ValidatingWebhookConfiguration config =
        V1Admissionregistration.ValidatingWebhookConfiguration.newBuilder()
            .setMetadata(Meta.ObjectMeta.newBuilder().setName("policy"))
            .addWebhooks(V1Admissionregistration.ValidatingWebhook.newBuilder()
                .setName("check.example.com")
                .addRules(V1Admissionregistration.RuleWithOperations.newBuilder()
                    .addOperations("CREATE")
                    .setRule(V1Admissionregistration.Rule.newBuilder()
                        .addApiGroups("").addApiVersions("v1").addResources("pods").setScope("*")))
                .setSideEffects("None")
                .addAdmissionReviewVersions("v1"))
            .build();

    assertJson(codec.decode("/registry/validatingwebhookconfigurations/policy",
        protobuf("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", config), 6), """
        {
          "apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration",
          "metadata": {"name": "policy", "resourceVersion": "6"},
          "webhooks": [{
            "name": "check.example.com",
            "rules": [{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"], "scope": "*"}],
            "sideEffects": "None",
            "admissionReviewVersions": ["v1"]
          }]
        }
        """);
  }

  @Test
  void inlinedStructsOfPersistentVolumesEphemeralContainersAndIngresses() throws Exception {
    V1.PersistentVolume volume = V1.PersistentVolume.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("pv-1"))
        .setSpec(V1.PersistentVolumeSpec.newBuilder()
            .putCapacity("storage", quantity("1Gi"))
            .setPersistentVolumeSource(V1.PersistentVolumeSource.newBuilder()
                .setHostPath(V1.HostPathVolumeSource.newBuilder().setPath("/data")))
            .addAccessModes("ReadWriteOnce"))
        .build();
    V1.PodSpec spec = V1.PodSpec.newBuilder()
        .addEphemeralContainers(V1.EphemeralContainer.newBuilder()
            .setEphemeralContainerCommon(V1.EphemeralContainerCommon.newBuilder().setName("debug").setImage("busybox"))
            .setTargetContainerName("web"))
        .build();
    V1Networking.Ingress ingress = V1Networking.Ingress.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("web").setNamespace("default"))
        .setSpec(V1Networking.IngressSpec.newBuilder().addRules(V1Networking.IngressRule.newBuilder()
            .setHost("example.com")
            .setIngressRuleValue(V1Networking.IngressRuleValue.newBuilder().setHttp(
                V1Networking.HTTPIngressRuleValue.newBuilder().addPaths(V1Networking.HTTPIngressPath.newBuilder()
                    .setPath("/").setPathType("Prefix")
                    .setBackend(V1Networking.IngressBackend.newBuilder().setService(
                        V1Networking.IngressServiceBackend.newBuilder().setName("web")
                            .setPort(V1Networking.ServiceBackendPort.newBuilder().setNumber(80)))))))))
        .build();

    assertThat(codec.decode("/registry/persistentvolumes/pv-1", protobuf("v1", "PersistentVolume", volume), 1)
        .json().path("spec")).isEqualTo(Serialization.JSON.readTree("""
            {"capacity": {"storage": "1Gi"}, "hostPath": {"path": "/data"}, "accessModes": ["ReadWriteOnce"]}
            """));
    assertThat(codec.decode("/registry/pods/default/web",
        protobuf("v1", "Pod", V1.Pod.newBuilder().setSpec(spec).build()), 1).json().path("spec"))
        .isEqualTo(Serialization.JSON.readTree("""
            {"ephemeralContainers": [{"name": "debug", "image": "busybox", "targetContainerName": "web"}]}
            """));
    assertThat(codec.decode("/registry/ingress/default/web", protobuf("networking.k8s.io/v1", "Ingress", ingress), 1)
        .json().path("spec")).isEqualTo(Serialization.JSON.readTree("""
            {"rules": [{"host": "example.com", "http": {"paths": [
              {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}}
            ]}}]}
            """));
  }

  @Test
  void certificateSigningRequestExtraValuesAreStringArrays() throws Exception {
    V1Certificates.CertificateSigningRequest csr = V1Certificates.CertificateSigningRequest.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("csr-1"))
        .setSpec(V1Certificates.CertificateSigningRequestSpec.newBuilder()
            .setRequest(ByteString.copyFromUtf8("-----BEGIN CERTIFICATE REQUEST-----"))
            .setSignerName("kubernetes.io/kube-apiserver-client")
            .addUsages("client auth")
            .putExtra("scopes", V1Certificates.ExtraValue.newBuilder().addItems("a").addItems("b").build())
            .putExtra("none", V1Certificates.ExtraValue.getDefaultInstance()))
        .build();

    assertThat(codec.decode("/registry/certificatesigningrequests/csr-1",
        protobuf("certificates.k8s.io/v1", "CertificateSigningRequest", csr), 1).json().path("spec"))
        .isEqualTo(Serialization.JSON.readTree("""
            {
              "request": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0=",
              "signerName": "kubernetes.io/kube-apiserver-client",
              "usages": ["client auth"],
              "extra": {"scopes": ["a", "b"], "none": []}
            }
            """));
  }

  @Test
  void emptyPointerStringIsAValueAndEmptyBytesAreLeftOut() throws Exception {
    V1.PersistentVolumeClaim claim = V1.PersistentVolumeClaim.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("data").setNamespace("default").setGenerateName(""))
        .setSpec(V1.PersistentVolumeClaimSpec.newBuilder().setStorageClassName("").setVolumeName(""))
        .build();
    V1Admissionregistration.ValidatingWebhookConfiguration hooks = V1Admissionregistration.ValidatingWebhookConfiguration.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("hooks"))
        .addWebhooks(V1Admissionregistration.ValidatingWebhook.newBuilder().setName("hook")
            .setClientConfig(V1Admissionregistration.WebhookClientConfig.newBuilder().setCaBundle(ByteString.EMPTY)))
        .build();

    // storageClassName is a *string: "" turns dynamic provisioning off; volumeName and generateName are plain strings
    assertThat(codec.decode("/registry/persistentvolumeclaims/default/data",
        protobuf("v1", "PersistentVolumeClaim", claim), 1).json().path("spec"))
        .isEqualTo(Serialization.JSON.readTree("{\"storageClassName\": \"\"}"));
    assertThat(codec.decode("/registry/validatingwebhookconfigurations/hooks",
        protobuf("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", hooks), 1).json().path("webhooks"))
        .isEqualTo(Serialization.JSON.readTree("[{\"name\": \"hook\", \"clientConfig\": {}}]"));
  }

  @Test
  void rawExtensionsEmbedTheirJson() throws Exception {
    V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("web-1").setNamespace("default"))
        .setData(io.kubernetes.client.proto.Runtime.RawExtension.newBuilder()
            .setRaw(ByteString.copyFromUtf8("{\"spec\":{\"template\":{\"$patch\":\"replace\"}}}")))
        .setRevision(1)
        .build();
    V1Apps.ControllerRevision notJson = revision.toBuilder()
        .setData(io.kubernetes.client.proto.Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFrom(new byte[] {1, 2})))
        .build();

    assertThat(codec.decode("/registry/controllerrevisions/default/web-1",
        protobuf("apps/v1", "ControllerRevision", revision), 1).json().path("data"))
        .isEqualTo(Serialization.JSON.readTree("{\"spec\":{\"template\":{\"$patch\":\"replace\"}}}"));
    assertThat(codec.decode("/registry/controllerrevisions/default/web-1",
        protobuf("apps/v1", "ControllerRevision", notJson), 1).json().path("data").asText()).isEqualTo("AQI=");
  }

  @Test
  void durationsAreGoDurationStrings() throws IOException {
    byte[] encoded = Meta.Duration.newBuilder().setDuration(90_000_000_000L).build().toByteArray();

    assertThat(WellKnownType.DURATION.read(lengthDelimited(encoded)).asText()).isEqualTo("1m30s");
  }

  @Test
  void intOrStringOfUnknownTypeIsMalformed() throws Exception {
    byte[] encoded = IntOrString.newBuilder().setType(7).build().toByteArray();

    assertThatThrownBy(() -> WellKnownType.INT_OR_STRING.read(lengthDelimited(encoded)))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("unknown type 7");
  }

  private static CodedInputStream lengthDelimited(byte[] message) {
    return CodedInputStream.newInstance(StoredValues.concat(new byte[] {(byte) message.length}, message));
  }
}
