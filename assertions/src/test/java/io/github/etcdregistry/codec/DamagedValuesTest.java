package io.github.etcdregistry.codec;

import static io.github.etcdregistry.codec.StoredValues.protobuf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever bytes a key holds — random, truncated at every length, with bytes flipped, behind a valid magic or an
 * encryption prefix — the codec returns an object or throws its own {@link UndecodableValueException}: nothing else
 * escapes, nothing hangs, and no message shows a Secret's value. Seeded, so a failure replays.
 */
class DamagedValuesTest {

  private static final String SECRET_KEY = "/registry/secrets/default/token";
  private static final String CANARY = "canary-7f3a9c-value";
  private static final int CASES = 2_000;
  private static final byte[] AES_KEY = "0123456789abcdef0123456789abcdef".getBytes(UTF_8);

  private final byte[] secret = protobuf("v1", "Secret", V1.Secret.newBuilder()
      .setMetadata(Meta.ObjectMeta.newBuilder().setName("token").setNamespace("default"))
      .putData("token", ByteString.copyFrom(CANARY, UTF_8)).setType("Opaque").build());
  private final StorageCodec codec = StorageCodec.create().withKeys(EncryptionKeys.none().with("aescbc", "key1", AES_KEY));

  @ParameterizedTest
  @ValueSource(strings = {"random", "truncated", "flipped", "after-magic", "encrypted-truncated", "encrypted-flipped", "json"})
  void damagedValuesFailOnlyWithTheCodecsOwnExceptionAndNeverShowTheSecret(String damage) {
    Random random = new Random(damage.hashCode()); // fixed per kind of damage
    byte[] encrypted = StoredValues.aescbc("key1", AES_KEY, secret);
    IntFunction<byte[]> values = switch (damage) {
      case "random" -> i -> bytes(random, random.nextInt(64 + i % 512));
      case "truncated" -> i -> Arrays.copyOf(secret, i % (secret.length + 1));
      case "flipped" -> i -> flipped(secret, random);
      case "after-magic" -> i -> StoredValues.concat(new byte[] {0x6b, 0x38, 0x73, 0x00}, bytes(random, random.nextInt(256)));
      case "encrypted-truncated" -> i -> Arrays.copyOf(encrypted, i % (encrypted.length + 1));
      case "encrypted-flipped" -> i -> flipped(encrypted, random);
      case "json" -> i -> ("{\"kind\":\"Secret\",\"data\":{\"token\":\"" + base64(CANARY) + "\"}" + new String(bytes(random, i % 8), UTF_8))
          .substring(0, 1 + random.nextInt(40 + i % 8)).getBytes(UTF_8);
      default -> throw new IllegalArgumentException(damage);
    };
    List<Throwable> failures = new ArrayList<>();
    assertTimeoutPreemptively(Duration.ofMinutes(1), () -> { // a guard against a hang, not a speed measurement
      for (int i = 0; i < CASES; i++) {
        byte[] value = values.apply(i);
        try {
          codec.decode(SECRET_KEY, value, 1);
        } catch (UndecodableValueException expected) {
          failures.add(expected);
        } catch (RuntimeException | StackOverflowError unexpected) {
          throw new AssertionError("case " + i + " of " + damage + " (" + value.length + " bytes) threw " + unexpected, unexpected);
        }
      }
    });

    assertThat(failures).as("the codec's failures").allSatisfy(failure -> assertThat(failure.getMessage())
        .doesNotContain(CANARY).doesNotContain(base64(CANARY)).doesNotContain(hex(CANARY.substring(0, 6))));
  }

  private static byte[] bytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] flipped(byte[] value, Random random) {
    byte[] damaged = value.clone();
    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
      damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return damaged;
  }

  /** As the codec shows a value's first bytes: {@code 63 61 6e}. */
  private static String hex(String text) {
    StringBuilder hex = new StringBuilder();
    for (byte b : text.getBytes(UTF_8)) {
      hex.append(hex.isEmpty() ? "" : " ").append(String.format("%02x", b));
    }
    return hex.toString();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
  }
}
