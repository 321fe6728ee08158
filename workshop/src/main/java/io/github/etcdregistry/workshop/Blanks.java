package io.github.etcdregistry.workshop;

/**
 * The blanks of the exercises: replace {@code ___} (a text: a key, a name, an encoding) or {@code ___N} (a number)
 * with your answer, and {@code todo(...)} with an assertion. Each blank fails its check until it holds the right
 * answer; the failure says what was expected and why.
 */
public final class Blanks {

  /** A text to fill in, e.g. {@code "/registry/pods/lesson2/nginx"}. */
  public static final String ___ = "___";

  /** A number to fill in, e.g. {@code 3}. */
  public static final int ___N = Integer.MIN_VALUE;

  private Blanks() {
  }

  /** An assertion still to write: fails, saying which. */
  public static void todo(String assertionToWrite) {
    throw new AssertionError("TODO: " + assertionToWrite + " (replace this todo(...) with an assertion)");
  }

  static boolean isBlank(String answer) {
    return ___.equals(answer);
  }

  static boolean isBlank(long answer) {
    return answer == ___N;
  }
}
