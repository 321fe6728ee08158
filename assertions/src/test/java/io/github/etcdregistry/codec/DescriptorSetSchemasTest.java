package io.github.etcdregistry.codec;

import static io.github.etcdregistry.codec.StoredValues.protobuf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A descriptor set as control-plane/build-schemas writes it supplies the kinds of a newer Kubernetes than
 * client-java-proto knows; client-java-proto still answers for kinds the set lacks.
 */
class DescriptorSetSchemasTest {

  private static final String KEY = "/registry/leasecandidates/kube-system/scheduler-1";

  @TempDir
  Path directory;

  @Test
  void aKindClientJavaProtoLacksDecodesWithTheSchemasOfTheVersionThatWroteIt() throws Exception {
    FileDescriptor coordination = coordinationV1beta1();
    Path set = write(coordination);
    byte[] value = leaseCandidate(coordination);

    assertThatThrownBy(() -> StorageCodec.create().decode(KEY, value, 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining("coordination.k8s.io/v1beta1 LeaseCandidate is not known to client-java-proto")
        .hasMessageContaining("control-plane/build-schemas");

    StorageCodec codec = StorageCodec.create().withDescriptorSet(set);
    assertThat(codec.decode(KEY, value, 7).json().toString()).isEqualTo("{\"apiVersion\":\"coordination.k8s.io/v1beta1\","
        + "\"kind\":\"LeaseCandidate\",\"metadata\":{\"name\":\"scheduler-1\",\"resourceVersion\":\"7\"},"
        + "\"spec\":{\"leaseName\":\"kube-scheduler\",\"binaryVersion\":\"1.37.2\"}}");
    assertThat(codec.schemaSource()).isEqualTo("the schemas in " + set.toAbsolutePath().normalize());
  }

  @Test
  void kindsTheSetLacksFallBackToClientJavaProto() throws Exception {
    StorageCodec codec = StorageCodec.create().withDescriptorSet(write(coordinationV1beta1()));
    byte[] pod = protobuf("v1", "Pod", V1.Pod.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder().setName("nginx")).build());

    assertThat(codec.decode("/registry/pods/default/nginx", pod, 0).json().get("metadata").get("name").asText()).isEqualTo("nginx");
  }

  @Test
  void aMissingOrBrokenSetIsRefusedWithTheRemedy() throws IOException {
    assertThatIllegalArgumentException().isThrownBy(() -> StorageCodec.create().withDescriptorSet(directory.resolve("none.binpb")))
        .withMessageContaining("No protobuf descriptor set at").withMessageContaining("control-plane/build-schemas");
    Path broken = Files.write(directory.resolve("broken.binpb"), new byte[] {0x0a, 0x7f, 0x01});
    assertThatIllegalArgumentException().isThrownBy(() -> StorageCodec.create().withDescriptorSet(broken))
        .withMessageContaining(broken.toString()).withMessageContaining("control-plane/build-schemas");
  }

  /** What k8s.io/api/coordination/v1beta1/generated.proto declares of LeaseCandidate (since 1.33), reduced to two fields. */
  private static FileDescriptor coordinationV1beta1() throws Exception {
    FileDescriptor meta = Meta.getDescriptor();
    FileDescriptorProto file = FileDescriptorProto.newBuilder()
        .setName("k8s.io/api/coordination/v1beta1/generated.proto").setSyntax("proto2")
        .setPackage("k8s.io.api.coordination.v1beta1").addDependency(meta.getName())
        .addMessageType(DescriptorProto.newBuilder().setName("LeaseCandidate")
            .addField(field("metadata", 1, Type.TYPE_MESSAGE).setTypeName("." + Meta.ObjectMeta.getDescriptor().getFullName()))
            .addField(field("spec", 2, Type.TYPE_MESSAGE).setTypeName(".k8s.io.api.coordination.v1beta1.LeaseCandidateSpec")))
        .addMessageType(DescriptorProto.newBuilder().setName("LeaseCandidateSpec")
            .addField(field("leaseName", 1, Type.TYPE_STRING))
            .addField(field("binaryVersion", 4, Type.TYPE_STRING)))
        .build();
    return FileDescriptor.buildFrom(file, new FileDescriptor[] {meta});
  }

  private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type).setLabel(Label.LABEL_OPTIONAL);
  }

  private static byte[] leaseCandidate(FileDescriptor coordination) {
    Descriptor candidate = coordination.findMessageTypeByName("LeaseCandidate");
    Descriptor spec = coordination.findMessageTypeByName("LeaseCandidateSpec");
    DynamicMessage object = DynamicMessage.newBuilder(candidate)
        .setField(candidate.findFieldByName("metadata"), Meta.ObjectMeta.newBuilder().setName("scheduler-1").build())
        .setField(candidate.findFieldByName("spec"), DynamicMessage.newBuilder(spec)
            .setField(spec.findFieldByName("leaseName"), "kube-scheduler")
            .setField(spec.findFieldByName("binaryVersion"), "1.37.2").build())
        .build();
    return protobuf("coordination.k8s.io/v1beta1", "LeaseCandidate", object);
  }

  /** The file and everything it imports, imports first, as a FileDescriptorSet. */
  private Path write(FileDescriptor file) throws IOException {
    Map<String, FileDescriptorProto> ordered = new LinkedHashMap<>();
    addWithImports(file, ordered);
    FileDescriptorSet set = FileDescriptorSet.newBuilder().addAllFile(ordered.values()).build();
    return Files.write(directory.resolve("kubernetes.binpb"), set.toByteArray());
  }

  private static void addWithImports(FileDescriptor file, Map<String, FileDescriptorProto> ordered) {
    for (FileDescriptor dependency : file.getDependencies()) {
      addWithImports(dependency, ordered);
    }
    ordered.putIfAbsent(file.getName(), file.toProto());
  }
}
