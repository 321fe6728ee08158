package io.github.etcdregistry.codec;

/** Go's {@code time.Duration.String()}, which is how {@code metav1.Duration} appears in Kubernetes JSON. */
final class GoDuration {

  private static final long MICROSECOND = 1_000L;
  private static final long MILLISECOND = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;

  private GoDuration() {
  }

  /** Formats like Go: {@code 1h0m0s}, {@code 1m30s}, {@code 1.5s}, {@code 2.2ms}, {@code 1.1µs}, {@code 0s}. */
  static String format(long nanos) {
    // Built backwards, as Go does; the magnitude is unsigned so that Long.MIN_VALUE works.
    char[] buf = new char[32];
    int w = buf.length;
    long u = nanos < 0 ? -nanos : nanos;
    if (Long.compareUnsigned(u, SECOND) < 0) {
      // Under a second: the largest unit below, with a fraction.
      int precision;
      buf[--w] = 's';
      if (u == 0) {
        buf[--w] = '0';
        return new String(buf, w, buf.length - w);
      } else if (u < MICROSECOND) {
        precision = 0;
        buf[--w] = 'n';
      } else if (u < MILLISECOND) {
        precision = 3;
        buf[--w] = 'µ';
      } else {
        precision = 6;
        buf[--w] = 'm';
      }
      w = fraction(buf, w, u, precision);
      u = Long.divideUnsigned(u, pow10(precision));
      w = integer(buf, w, u);
    } else {
      buf[--w] = 's';
      w = fraction(buf, w, u, 9);
      u = Long.divideUnsigned(u, SECOND); // whole seconds
      w = integer(buf, w, Long.remainderUnsigned(u, 60));
      u = Long.divideUnsigned(u, 60); // whole minutes
      if (u > 0) {
        buf[--w] = 'm';
        w = integer(buf, w, u % 60);
        u /= 60; // whole hours: Go stops here because days vary in length
        if (u > 0) {
          buf[--w] = 'h';
          w = integer(buf, w, u);
        }
      }
    }
    if (nanos < 0) {
      buf[--w] = '-';
    }
    return new String(buf, w, buf.length - w);
  }

  /** Writes the fraction {@code v mod 10^precision} as ".ddd" without trailing zeros (nothing when zero). */
  private static int fraction(char[] buf, int w, long v, int precision) {
    boolean print = false;
    for (int i = 0; i < precision; i++) {
      int digit = (int) Long.remainderUnsigned(v, 10);
      print |= digit != 0;
      if (print) {
        buf[--w] = (char) ('0' + digit);
      }
      v = Long.divideUnsigned(v, 10);
    }
    if (print) {
      buf[--w] = '.';
    }
    return w;
  }

  private static int integer(char[] buf, int w, long v) {
    if (v == 0) {
      buf[--w] = '0';
      return w;
    }
    while (v != 0) {
      buf[--w] = (char) ('0' + Long.remainderUnsigned(v, 10));
      v = Long.divideUnsigned(v, 10);
    }
    return w;
  }

  private static long pow10(int exponent) {
    long result = 1;
    for (int i = 0; i < exponent; i++) {
      result *= 10;
    }
    return result;
  }
}
