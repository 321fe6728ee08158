package io.github.etcdregistry.codec;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.github.etcdregistry.codec.MessagePlan.FieldPlan;
import io.github.etcdregistry.codec.MessagePlan.Shape;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Events;
import io.kubernetes.client.proto.V1Flowcontrol;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Node;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Resource;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V1alpha1Apiserverinternal;
import io.kubernetes.client.proto.V1alpha1Rbac;
import io.kubernetes.client.proto.V1alpha1Scheduling;
import io.kubernetes.client.proto.V1beta1Admissionregistration;
import io.kubernetes.client.proto.V1beta1Apps;
import io.kubernetes.client.proto.V1beta1Batch;
import io.kubernetes.client.proto.V1beta1Certificates;
import io.kubernetes.client.proto.V1beta1Extensions;
import io.kubernetes.client.proto.V1beta1Policy;
import io.kubernetes.client.proto.V1beta1Rbac;
import io.kubernetes.client.proto.V1beta1Storage;
import io.kubernetes.client.proto.V1beta1Storagemigration;
import io.kubernetes.client.proto.V1beta2Apps;
import io.kubernetes.client.proto.V2Autoscaling;
import io.kubernetes.client.proto.V2beta1Autoscaling;
import io.kubernetes.client.proto.V2beta2Autoscaling;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The protobuf schemas of the built-in kinds: (apiVersion, kind) to the plan that decodes that kind's stored
 * bytes. Either those of client-java-proto's generated classes, or those of a descriptor set compiled from one
 * Kubernetes version's {@code generated.proto} files ({@code control-plane/build-schemas}), which knows that
 * version's kinds; a kind it lacks is looked up in client-java-proto. Indexed once per source, on first use.
 */
final class ProtoSchemas {

  /**
   * The generated files of the API groups whose objects kube-apiserver stores. Left out: apiextensions
   * (CRDs are stored as JSON, and their schema types need custom JSON) and the review, admission and
   * discovery types, which are never stored.
   */
  private static final List<Supplier<FileDescriptor>> FILES = List.of(
      V1::getDescriptor,
      V1Admissionregistration::getDescriptor, V1beta1Admissionregistration::getDescriptor,
      V1Apps::getDescriptor, V1beta1Apps::getDescriptor, V1beta2Apps::getDescriptor,
      V1Autoscaling::getDescriptor, V2Autoscaling::getDescriptor, V2beta1Autoscaling::getDescriptor,
      V2beta2Autoscaling::getDescriptor,
      V1Batch::getDescriptor, V1beta1Batch::getDescriptor,
      V1Certificates::getDescriptor, V1beta1Certificates::getDescriptor,
      V1Coordination::getDescriptor,
      V1Discovery::getDescriptor,
      V1Events::getDescriptor,
      V1beta1Extensions::getDescriptor,
      V1Flowcontrol::getDescriptor,
      V1Networking::getDescriptor,
      V1Node::getDescriptor,
      V1Policy::getDescriptor, V1beta1Policy::getDescriptor,
      V1Rbac::getDescriptor, V1alpha1Rbac::getDescriptor, V1beta1Rbac::getDescriptor,
      V1Resource::getDescriptor,
      V1Scheduling::getDescriptor, V1alpha1Scheduling::getDescriptor,
      V1Storage::getDescriptor, V1beta1Storage::getDescriptor,
      V1alpha1Apiserverinternal::getDescriptor,
      V1beta1Storagemigration::getDescriptor);

  /** Groups whose Go package is not named after the group's first DNS label. */
  private static final Map<String, String> PACKAGE_BY_GROUP = Map.of("internal.apiserver.k8s.io", "apiserverinternal");

  /** Descriptor sets already read, by file: every registry of one Kubernetes version shares one. */
  private static final Map<Path, ProtoSchemas> LOADED = new ConcurrentHashMap<>();

  private final Map<String, Descriptor> kinds;
  private final String source;
  private final boolean fallsBack;
  /** Plans are worked out on a kind's first use: a test touches a few dozen of the thousands of messages. */
  private final Map<String, MessagePlan> plansByKind = new ConcurrentHashMap<>();
  /** Every plan made so far, by message; guarded by itself, as plans of one message tree are made together. */
  private final Map<Descriptor, MessagePlan> plans = new HashMap<>();

  private ProtoSchemas(Map<String, Descriptor> kinds, String source, boolean fallsBack) {
    this.kinds = kinds;
    this.source = source;
    this.fallsBack = fallsBack;
  }

  /** The schemas of client-java-proto, the fallback for a cluster whose version has no descriptor set. */
  static ProtoSchemas clientJavaProto() {
    return ClientJavaProto.SCHEMAS;
  }

  /**
   * The schemas of a protobuf {@code FileDescriptorSet}, files after their imports, as
   * {@code control-plane/build-schemas} writes it.
   *
   * @throws IllegalArgumentException when the file cannot be read or is not such a set
   */
  static ProtoSchemas fromDescriptorSet(Path file) {
    Path key = file.toAbsolutePath().normalize();
    return LOADED.computeIfAbsent(key, ProtoSchemas::load);
  }

  /** The plan for a kind, e.g. ("apps/v1", "Deployment"); empty when neither these schemas nor the fallback know it. */
  Optional<MessagePlan> forKind(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    MessagePlan plan = planOf(packageOf(group) + "/" + version + "/" + kind);
    if (plan == null && fallsBack) { // loaded only now: most JVMs never need client-java-proto's classes
      return clientJavaProto().forKind(apiVersion, kind);
    }
    return Optional.ofNullable(plan);
  }

  /** Names the schema source in messages, e.g. "client-java-proto 27.0.0", with the remedy when it is the fallback alone. */
  String source() {
    return fallsBack
        ? source + " or client-java-proto " + clientJavaProtoVersion()
        : source + " (decode with the schemas of the Kubernetes version that wrote it: control-plane/build-schemas,"
            + " then EtcdRegistry.builder().schemas(descriptorSet))";
  }

  @Override
  public String toString() {
    return source;
  }

  /** Proto packages are k8s.io.api.(package).(version); the package is the group's first DNS label. */
  private static String packageOf(String group) {
    if (group.isEmpty()) {
      return "core";
    }
    int dot = group.indexOf('.');
    return PACKAGE_BY_GROUP.getOrDefault(group, dot < 0 ? group : group.substring(0, dot));
  }

  /** Holder: the class initialiser builds the index once, thread-safely, on first use. */
  private static final class ClientJavaProto {
    static final ProtoSchemas SCHEMAS = new ProtoSchemas(
        index(FILES.stream().map(Supplier::get).toList()), "client-java-proto " + clientJavaProtoVersion(), false);
  }

  private static ProtoSchemas load(Path file) {
    FileDescriptorSet set;
    try (InputStream in = Files.newInputStream(file)) {
      set = FileDescriptorSet.parseFrom(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("No protobuf descriptor set at " + file + "; build one with control-plane/build-schemas");
    } catch (IOException e) {
      throw new IllegalArgumentException("Could not read the protobuf descriptor set " + file + ": " + e.getMessage()
          + "; rebuild it with control-plane/build-schemas", e);
    }
    Map<String, FileDescriptor> built = new HashMap<>();
    List<FileDescriptor> stored = new ArrayList<>();
    for (FileDescriptorProto proto : set.getFileList()) {
      FileDescriptor[] imports = proto.getDependencyList().stream().map(name -> {
        FileDescriptor dependency = built.get(name);
        if (dependency == null) {
          throw new IllegalArgumentException(file + " is not a descriptor set with imports first: " + proto.getName()
              + " imports " + name + " before it is defined; rebuild it with control-plane/build-schemas");
        }
        return dependency;
      }).toArray(FileDescriptor[]::new);
      try {
        FileDescriptor descriptor = FileDescriptor.buildFrom(proto, imports);
        built.put(proto.getName(), descriptor);
        if (proto.getPackage().startsWith("k8s.io.api.")) {
          stored.add(descriptor);
        }
      } catch (DescriptorValidationException e) {
        throw new IllegalArgumentException(file + ": " + proto.getName() + " is not a valid protobuf schema: " + e.getMessage(), e);
      }
    }
    if (stored.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no k8s.io/api schemas; build it with control-plane/build-schemas");
    }
    return new ProtoSchemas(index(stored), "the schemas in " + file, true);
  }

  private MessagePlan planOf(String kind) {
    MessagePlan plan = plansByKind.get(kind);
    if (plan == null) {
      Descriptor message = kinds.get(kind);
      if (message == null) {
        return null;
      }
      synchronized (plans) { // a plan is complete, with all it refers to, before any other thread sees it
        plan = plan(message, plans);
      }
      plansByKind.put(kind, plan);
    }
    return plan;
  }

  private static Map<String, Descriptor> index(List<FileDescriptor> files) {
    Map<String, Descriptor> kinds = new HashMap<>();
    for (FileDescriptor file : files) {
      String[] protoPackage = file.getPackage().split("\\.");
      String packageAndVersion = protoPackage[protoPackage.length - 2] + "/" + protoPackage[protoPackage.length - 1];
      for (Descriptor message : file.getMessageTypes()) {
        kinds.put(packageAndVersion + "/" + message.getName(), message);
      }
    }
    return Map.copyOf(kinds);
  }

  private static MessagePlan plan(Descriptor message, Map<Descriptor, MessagePlan> plans) {
    MessagePlan plan = plans.get(message);
    if (plan == null) {
      plan = new MessagePlan(message);
      plans.put(message, plan); // before its fields, so that recursive types find it
      for (FieldDescriptor field : message.getFields()) {
        plan.define(fieldPlan(field, plans));
      }
    }
    return plan;
  }

  private static FieldPlan fieldPlan(FieldDescriptor field, Map<Descriptor, MessagePlan> plans) {
    String jsonName = GoJsonTags.jsonName(field);
    if (field.isMapField()) {
      Descriptor entry = field.getMessageType();
      return new FieldPlan(field, jsonName, Shape.MAP, null, null,
          fieldPlan(entry.findFieldByNumber(1), plans), fieldPlan(entry.findFieldByNumber(2), plans));
    }
    boolean isMessage = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
    WellKnownType wellKnown = isMessage ? WellKnownType.of(field.getMessageType()) : null;
    MessagePlan message = isMessage && wellKnown == null ? plan(field.getMessageType(), plans) : null;
    Shape shape = field.isRepeated() ? Shape.REPEATED : GoJsonTags.isInline(field) ? Shape.INLINE : Shape.SINGLE;
    return new FieldPlan(field, jsonName, shape, wellKnown, message, null, null);
  }

  private static String clientJavaProtoVersion() {
    Properties properties = new Properties();
    try (InputStream in = V1.class.getResourceAsStream("/META-INF/maven/io.kubernetes/client-java-proto/pom.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      // Only used in messages.
    }
    return properties.getProperty("version", "(unknown version)");
  }
}
