package io.github.etcdregistry.pki;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;

/** The notBefore / notAfter window shared by all certificates of one {@link ClusterPki}. */
record ValidityPeriod(Instant notBefore, Instant notAfter) {

  /** Certificates start this long before "now", so a peer whose clock is a little behind accepts them. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  ValidityPeriod {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
    }
  }

  /**
   * From {@code now - 1 minute} to {@code now + validity}. Whole seconds, because X.509 times
   * carry no fractions: the {@link #notAfter()} reported equals the one in the certificates.
   */
  static ValidityPeriod startingAt(Instant now, Duration validity) {
    Instant start = now.truncatedTo(ChronoUnit.SECONDS);
    return new ValidityPeriod(start.minus(CLOCK_SKEW), start.plus(validity));
  }

  Date notBeforeDate() {
    return Date.from(notBefore);
  }

  Date notAfterDate() {
    return Date.from(notAfter);
  }
}
