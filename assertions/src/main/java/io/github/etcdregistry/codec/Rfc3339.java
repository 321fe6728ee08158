package io.github.etcdregistry.codec;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * UTC timestamps as Go's {@code metav1.Time} and {@code MicroTime} print them, e.g. {@code 2026-05-01T10:15:30Z}
 * and {@code 2026-05-01T10:15:30.123456Z}. Written digit by digit: a Pod has a dozen timestamps, and
 * {@link DateTimeFormatter} took longer over them than reading the rest of the Pod.
 */
final class Rfc3339 {

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

  private Rfc3339() {
  }

  /**
   * @param micros with six fractional digits (MicroTime), else whole seconds (Time)
   * @throws DateTimeException when the instant is out of Java's range
   */
  static String format(long seconds, int nanos, boolean micros) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, Math.floorMod(nanos, 1_000_000_000), ZoneOffset.UTC);
    if (time.getYear() < 1 || time.getYear() > 9999 || nanos < 0 || nanos >= 1_000_000_000) {
      // the formatter's own form for years it signs or pads, and its rules for nanos out of range
      return (micros ? MICROS : SECONDS).format(Instant.ofEpochSecond(seconds, nanos));
    }
    char[] text = new char[micros ? 27 : 20];
    digits(text, 0, time.getYear(), 4);
    text[4] = '-';
    digits(text, 5, time.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, time.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, time.getHour(), 2);
    text[13] = ':';
    digits(text, 14, time.getMinute(), 2);
    text[16] = ':';
    digits(text, 17, time.getSecond(), 2);
    if (micros) {
      text[19] = '.';
      digits(text, 20, nanos / 1000, 6);
    }
    text[text.length - 1] = 'Z';
    return new String(text);
  }

  private static void digits(char[] text, int offset, int value, int width) {
    for (int i = offset + width - 1; i >= offset; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
