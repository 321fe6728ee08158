package io.github.etcdregistry.assertions.error;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Secrets were expected encrypted at rest; lists the ones that are not, by key — names only, never data. */
public class ShouldAllBeEncrypted extends BasicErrorMessageFactory {

  /** Some Secrets are stored in plain text. */
  public static ErrorMessageFactory shouldAllBeEncrypted(int total, List<String> plain) {
    return new ShouldAllBeEncrypted("%nExpecting all %s Secrets to be encrypted at rest but %s stored in plain text:%n%s"
        + "%nSecrets written before encryption was turned on stay plain until rewritten:"
        + "%n  kubectl get secrets --all-namespaces -o json | kubectl replace -f -",
        total, unquotedString(plain.size() == 1 ? "1 is" : plain.size() + " are"), unquotedString(Lines.indented(plain)));
  }

  /** Some Secrets are plain or encrypted with another provider; {@code others} reads like {@code key (identity)}. */
  public static ErrorMessageFactory shouldAllBeEncryptedWith(String provider, int total, List<String> others) {
    return new ShouldAllBeEncrypted("%nExpecting all %s Secrets to be encrypted with %s but %s not:%n%s",
        total, unquotedString(provider), unquotedString(others.size() == 1 ? "1 is" : others.size() + " are"),
        unquotedString(Lines.indented(others)));
  }

  private ShouldAllBeEncrypted(String format, Object... arguments) {
    super(format, arguments);
  }
}
