package io.github.etcdregistry.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.etcdregistry.registry.StorageTable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Differential test against Kubernetes' own Go code: every object of the fuzz corpus decodes to the JSON kube-apiserver
 * answers for it.
 *
 * <p>{@code control-plane/build-fuzz-corpus} writes the corpus with Kubernetes' roundtrip fuzzer: for every kind the
 * default version's storage table says kube-apiserver stores, objects filled by the fuzzer functions of
 * {@code k8s.io/kubernetes/pkg/api/testing}, converted to the stored version and encoded as the storage layer encodes
 * them (the {@code k8s\0} protobuf envelope; JSON for custom resources), each with the JSON that apimachinery's JSON
 * serializer gives for the object its protobuf serializer decodes from those bytes. {@code scripts/test} builds it
 * (100 objects per kind, seed 1) and names it in {@value #CORPUS}; {@code scripts/fuzz} runs this test on larger
 * corpora with random seeds. Without the variable the test is skipped, except in CI ({@code CI} set), where it fails.
 *
 * <p>The comparison is of JSON trees, with numbers compared by value ({@code 1.0} equals {@code 1}; a float as the
 * double it denotes: Go writes {@code 5e-324}, Java {@code 4.9E-324}), and a field one side has and the other lacks
 * accepted only when its value is Go's "none" that protobuf cannot carry ({@link #goZeroValue}). The corpus also names
 * Go's {@code *string} fields, which the codec must know (its {@code pointer-strings}): there {@code ""} is a value.
 */
class KubernetesFuzzCorpusTest {

  static final String CORPUS = "ETCDREGISTRY_FUZZ_CORPUS";
  static final String SCHEMAS = "ETCDREGISTRY_FUZZ_SCHEMAS";
  private static final int SHOWN = 20;
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .build();

  @Test
  void everyFuzzedObjectDecodesToKubernetesJson() throws IOException {
    Path corpus = required(CORPUS);
    StorageCodec codec = StorageCodec.create().withDescriptorSet(required(SCHEMAS));
    Map<String, Integer> objectsPerKind = new TreeMap<>();
    List<String> differences = new ArrayList<>();
    int differing = 0;
    JsonNode header;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(corpus)),
        StandardCharsets.UTF_8))) {
      header = JSON.readTree(lines.readLine());
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode entry = JSON.readTree(line);
        String kind = entry.get("apiVersion").asText() + " " + entry.get("kind").asText();
        objectsPerKind.merge(kind, 1, Integer::sum);
        String key = entry.get("key").asText();
        List<String> found = new ArrayList<>();
        try {
          DecodedObject decoded = codec.decode(key, Base64.getDecoder().decode(entry.get("value").asText()),
              entry.get("modRevision").asLong());
          compare(JSON.readTree(entry.get("json").asText()), JSON.readTree(decoded.toJson()), "", found);
        } catch (UndecodableValueException e) {
          found.add(": " + e.getMessage());
        }
        if (!found.isEmpty()) {
          differing++;
          // a Secret's values stay out of the message, random as they are here
          found.stream().limit(3).map(difference -> SecretKeys.holdsSecretData(key) ? difference.replaceAll(": Kubernetes .*", " (a Secret's)") : difference)
              .forEach(difference -> differences.add(kind + " " + key + difference));
        }
      }
    }
    String seed = header.get("seed").asText();
    assertThat(differences).as("%d of %d objects (seed %s) decode otherwise than Kubernetes answers; the first %d differences",
        differing, objectsPerKind.values().stream().mapToInt(Integer::intValue).sum(), seed, SHOWN)
        .satisfies(list -> assertThat(list.subList(0, Math.min(SHOWN, list.size()))).isEmpty());
    StorageTable table = StorageTable.of(header.get("kubernetesVersion").asText());
    Set<String> stored = new TreeSet<>();
    table.examples().forEach(example -> stored.add(example.storedApiVersion() + " " + example.storedKind()));
    assertThat(objectsPerKind.keySet()).as("the kinds of the corpus are those kube-apiserver stores").isEqualTo(stored);
    Set<String> pointerStrings = new TreeSet<>();
    header.get("pointerStrings").forEach(field -> pointerStrings.add(field.asText()));
    assertThat(pointerStrings).as("Go's *string fields of this version (regenerate codec/pointer-strings with"
        + " control-plane/build-fuzz-corpus --pointer-strings)").allMatch(GoJsonTags::isPointerString);
    int perKind = header.get("objectsPerKind").asInt();
    assertThat(objectsPerKind).as("objects per kind").allSatisfy((kind, count) -> assertThat(count).isEqualTo(perKind));
  }

  private static void compare(JsonNode expected, JsonNode actual, String path, List<String> found) {
    if (expected.isNumber() && actual.isNumber()) {
      // a float is the IEEE double it denotes, as Go's decoder reads it: Go writes 5e-324, Java 4.9E-324
      boolean floating = expected.isFloatingPointNumber() || actual.isFloatingPointNumber();
      if (floating ? expected.doubleValue() != actual.doubleValue() : expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
        found.add(differs(path, expected, actual));
      }
    } else if (expected.isObject() && actual.isObject()) {
      Set<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode want = expected.get(name);
        JsonNode got = actual.get(name);
        if (want == null || got == null) {
          if (!goZeroValue(want, got)) {
            found.add(differs(path + "." + name, want, got));
          }
        } else {
          compare(want, got, path + "." + name, found);
        }
      }
    } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      Iterator<JsonNode> got = actual.elements();
      int i = 0;
      for (JsonNode want : expected) {
        compare(want, got.next(), path + "[" + i++ + "]", found);
      }
    } else if (!expected.equals(actual)) {
      found.add(differs(path, expected, actual));
    }
  }

  /**
   * Where one side has a field and the other has none, and the field's value is what Go means by none. Protobuf
   * cannot carry it: an empty or nil list or map is not on the wire, so a list Go's JSON writes without omitempty
   * ({@code "containers": null}) is absent here; a plain Go string is on the wire even when empty, and dropped here
   * (nearly all are omitempty; {@code ownerReferences[].uid} is not), while a {@code *string}'s {@code ""} is a value and
   * kept ({@code pointer-strings}); a plain bool or number is on the wire even when zero, and kept here, where Go's JSON
   * leaves out an omitempty one ({@code "hostNetwork": false}). A pointer to a bool or number is on the wire only when
   * set, so its zero is never lost.
   */
  private static boolean goZeroValue(JsonNode kubernetes, JsonNode decoded) {
    return kubernetes != null ? kubernetes.isNull() || kubernetes.isTextual() && kubernetes.asText().isEmpty()
        : decoded.isBoolean() && !decoded.booleanValue() || decoded.isNumber() && decoded.decimalValue().signum() == 0;
  }

  private static String differs(String path, JsonNode expected, JsonNode actual) {
    return " at " + path + ": Kubernetes " + shown(expected) + ", decoded " + shown(actual);
  }

  private static String shown(JsonNode value) {
    String text = value == null ? "absent" : value.toString();
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  private static Path required(String variable) {
    String value = System.getenv(variable);
    boolean inCi = System.getenv("CI") != null;
    if (!inCi) {
      assumeTrue(value != null, variable + " is not set: control-plane/build-fuzz-corpus builds the fuzz corpus"
          + " (scripts/test does, and exports it)");
    }
    assertThat(value).as("%s in CI: scripts/test exports it from control-plane/build-fuzz-corpus", variable).isNotNull();
    return Path.of(value);
  }
}
