package io.github.etcdregistry.codec;

import static io.github.etcdregistry.codec.StoredValues.protobuf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Values that are not Kubernetes objects fail with the key and the first bytes, and never show Secret data. */
class UndecodableValuesTest {

  private static final String POD_KEY = "/registry/pods/default/nginx";

  private final StorageCodec codec = StorageCodec.create();
  private final byte[] pod = protobuf("v1", "Pod", V1.Pod.newBuilder()
      .setMetadata(Meta.ObjectMeta.newBuilder().setName("nginx").setNamespace("default"))
      .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder().setName("nginx").setImage("nginx")))
      .build());

  @Test
  void truncatedProtobuf() {
    assertThatThrownBy(() -> codec.decode(POD_KEY, Arrays.copyOf(pod, pod.length - 5), 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining(POD_KEY)
        .hasMessageContaining("malformed")
        .hasMessageContaining("protobuf, 6b 38 73 00 ");
  }

  @Test
  void wrongMagic() {
    byte[] value = pod.clone();
    value[3] = 1;

    assertThatThrownBy(() -> codec.decode(POD_KEY, value, 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining(POD_KEY)
        .hasMessageContaining("not a Kubernetes object")
        .hasMessageContaining("unknown, 6b 38 73 01 ");
  }

  @Test
  void garbageAfterMagic() {
    byte[] value = StoredValues.concat(new byte[] {0x6b, 0x38, 0x73, 0x00}, "\u00ff\u00fe garbage".getBytes(UTF_8));

    assertThatThrownBy(() -> codec.decode(POD_KEY, value, 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining(POD_KEY)
        .hasMessageContaining("6b 38 73 00 c3 bf");
  }

  @Test
  void fieldOfTheWrongWireType() {
    byte[] metadataAsNumber = {1 << 3, 1}; // field 1 (metadata, a message) as a varint

    assertThatThrownBy(() -> codec.decode(POD_KEY, protobufWithRaw(metadataAsNumber), 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining("malformed v1 Pod protobuf: k8s.io.api.core.v1.Pod.metadata has wire type 0, expected 2");
  }

  @Test
  void randomBytesAfterTheEnvelopeNeverFailOtherwise() {
    Random random = new Random(7);
    for (int i = 0; i < 2_000; i++) {
      byte[] raw = new byte[random.nextInt(200)];
      random.nextBytes(raw);
      try {
        codec.decode(POD_KEY, protobufWithRaw(raw), 1);
      } catch (UndecodableValueException expected) {
        // fine: only this exception may come out
      }
    }
  }

  @Test
  void unknownKind() {
    byte[] value = protobuf("example.com/v1", "Widget", Meta.Status.newBuilder().setMessage("hi").build());

    assertThatThrownBy(() -> codec.decode("/registry/example.com/widgets/default/w", value, 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining("/registry/example.com/widgets/default/w")
        .hasMessageContaining("example.com/v1 Widget is not known to client-java-proto 27.0.0")
        .hasMessageContaining("6b 38 73 00 ");
  }

  @Test
  void envelopeWithoutTypeMeta() {
    byte[] value = StoredValues.concat(new byte[] {0x6b, 0x38, 0x73, 0x00},
        io.kubernetes.client.proto.Runtime.Unknown.newBuilder().setRaw(ByteString.copyFromUtf8("x")).build().toByteArray());

    assertThatThrownBy(() -> codec.decode(POD_KEY, value, 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining("names no apiVersion and kind");
  }

  @Test
  void hostileNestingFailsInsteadOfOverflowingTheStack() {
    byte[] groups = new byte[100_000];
    Arrays.fill(groups, (byte) (9 << 3 | 3)); // start-group tags of an unknown field, nested without end

    assertThatThrownBy(() -> codec.decode(POD_KEY, protobufWithRaw(groups), 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining(POD_KEY)
        .hasMessageContaining("malformed v1 Pod protobuf");
  }

  @Test
  void jsonArray() {
    assertThatThrownBy(() -> codec.decode("/registry/example.com/widgets/w", StoredValues.json("[1, 2]"), 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining("/registry/example.com/widgets/w")
        .hasMessageContaining("the JSON value is array, not an object")
        .hasMessageContaining("json, 5b 31 2c 20 32 5d 0a (7 bytes)");
  }

  @Test
  void jsonWithoutKind() {
    assertThatThrownBy(() -> codec.decode("/registry/example.com/widgets/w", StoredValues.json("{\"apiVersion\":\"v1\"}"), 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining("no apiVersion and kind");
  }

  @Test
  void brokenJsonDoesNotQuoteTheValue() {
    assertThatThrownBy(() -> codec.decode("/registry/secrets/default/db", "{\"data\": hunter2}".getBytes(UTF_8), 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining("not valid JSON (at line 1, column")
        .hasMessageNotContaining("hunter2")
        .hasMessageContaining("7b 22 64 61 ... (17 bytes)");
  }

  @Test
  void emptyValue() {
    assertThatThrownBy(() -> codec.decode(POD_KEY, new byte[0], 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining(POD_KEY)
        .hasMessageContaining("the value is empty")
        .hasMessageContaining("[stored value: unknown, (0 bytes)]");
  }

  @Test
  void cborIsRecognisedButNotDecoded() {
    byte[] value = {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7, (byte) 0xa0};

    assertThatThrownBy(() -> codec.decode(POD_KEY, value, 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining("CBOR-encoded values are not supported yet")
        .hasMessageContaining("cbor, d9 d9 f7 a0 (4 bytes)");
  }

  @Test
  void secretValuesShowOnlyTheirFirstFourBytes() {
    byte[] secret = protobuf("v1", "Secret", V1.Secret.newBuilder()
        .setMetadata(Meta.ObjectMeta.newBuilder().setName("db").setNamespace("default"))
        .putData("password", ByteString.copyFromUtf8("hunter2"))
        .build());
    byte[] truncated = Arrays.copyOf(secret, secret.length - 1);

    assertThatThrownBy(() -> codec.decode("/registry/secrets/default/db", truncated, 1))
        .isInstanceOf(UndecodableValueException.class)
        .hasMessageContaining("/registry/secrets/default/db")
        .hasMessageContaining("6b 38 73 00 ... (" + truncated.length + " bytes)")
        .hasMessageNotContaining("hunter2")
        .hasMessageNotContaining("68 75 6e"); // "hun"
  }

  private static byte[] protobufWithRaw(byte[] raw) {
    return StoredValues.concat(new byte[] {0x6b, 0x38, 0x73, 0x00}, io.kubernetes.client.proto.Runtime.Unknown.newBuilder()
        .setTypeMeta(io.kubernetes.client.proto.Runtime.TypeMeta.newBuilder().setApiVersion("v1").setKind("Pod"))
        .setRaw(ByteString.copyFrom(raw))
        .build()
        .toByteArray());
  }
}
