package io.github.etcdregistry.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits by polling, until what is polled is there, something says waiting is pointless (the process exited), or the
 * deadline passes — whichever comes first. It never throws: it returns a {@link Result} that the caller turns into its
 * own message. An interrupted wait restores the thread's interrupt flag and ends with {@link Outcome#INTERRUPTED}.
 *
 * <pre>{@code
 * Poll.Result<Optional<Properties>> state = Poll.atMost(Duration.ofMinutes(5)).every(Duration.ofMillis(20))
 *     .giveUpWhen(() -> !keeper.isAlive())
 *     .until(() -> directory.read(STATE), Optional::isPresent);
 * }</pre>
 *
 * <p>Each round polls, then checks the reason to give up, then the deadline, then pauses (never past the deadline):
 * what is polled is always polled at least once, and once more at the deadline.
 */
public final class Poll {

  /** How a wait ended. */
  public enum Outcome {
    /** What was polled is there. */
    MET,
    /** The reason to give up was there first: waiting longer would not help. */
    GAVE_UP,
    /** The deadline passed. */
    TIMED_OUT,
    /** The thread was interrupted; its interrupt flag is set again. */
    INTERRUPTED
  }

  /**
   * How a wait ended, with the last value polled (also when it did not meet the condition) and, when it
   * {@link Outcome#GAVE_UP gave up} for a reason given by {@link #giveUpWhenPresent}, that reason.
   */
  public record Result<T>(Outcome outcome, T last, Optional<String> reason) {}

  private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);
  private static final Supplier<Optional<String>> NEVER = Optional::empty;
  private static final Optional<String> NO_REASON = Optional.of(""); // giving up for a boolean: no reason to keep

  private final Duration timeout;
  private final Duration interval;
  private final Duration firstPause; // null: every pause is the interval
  private final Supplier<Optional<String>> giveUp;

  private Poll(Duration timeout, Duration interval, Duration firstPause, Supplier<Optional<String>> giveUp) {
    this.timeout = timeout;
    this.interval = interval;
    this.firstPause = firstPause;
    this.giveUp = giveUp;
  }

  /** Waits at most {@code timeout}, polling every 50 ms. */
  public static Poll atMost(Duration timeout) {
    requirePositiveOrZero(timeout, "timeout");
    return new Poll(timeout, DEFAULT_INTERVAL, null, NEVER);
  }

  /** Polls every {@code interval} instead of every 50 ms. */
  public Poll every(Duration interval) {
    requirePositive(interval, "interval");
    return new Poll(timeout, interval, firstPause, giveUp);
  }

  /** Pauses {@code first} after the first poll and twice as long after each next one, up to the {@link #every interval}. */
  public Poll backingOffFrom(Duration first) {
    requirePositive(first, "first");
    return new Poll(timeout, interval, first, giveUp);
  }

  /**
   * Gives up as soon as {@code stop} is true, checked after each poll that did not meet the condition. Replaces an
   * earlier reason to give up.
   */
  public Poll giveUpWhen(BooleanSupplier stop) {
    Objects.requireNonNull(stop, "stop");
    return new Poll(timeout, interval, firstPause, () -> stop.getAsBoolean() ? NO_REASON : Optional.empty());
  }

  /**
   * Gives up as soon as {@code reason} has one, checked after each poll that did not meet the condition; the result
   * keeps it. Replaces an earlier reason to give up.
   */
  public Poll giveUpWhenPresent(Supplier<Optional<String>> reason) {
    return new Poll(timeout, interval, firstPause, Objects.requireNonNull(reason, "reason"));
  }

  /** Polls {@code condition} until it is true. */
  public Result<Boolean> until(BooleanSupplier condition) {
    Objects.requireNonNull(condition, "condition");
    return until(condition::getAsBoolean, Boolean::booleanValue);
  }

  /** Polls {@code value} until {@code done} accepts it; the result's {@code last} is the last value polled. */
  public <T> Result<T> until(Supplier<T> value, Predicate<? super T> done) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(done, "done");
    return run(value, done, TimeUnit.NANOSECONDS::sleep);
  }

  /**
   * Waits until {@code future} is done, normally or not; the caller then takes its value or failure. Pauses by waiting on
   * the future itself, so it returns as soon as the future completes, and checks the reason to give up every interval.
   */
  public Result<Boolean> until(Future<?> future) {
    Objects.requireNonNull(future, "future");
    return run(future::isDone, Boolean::booleanValue, nanos -> {
      try {
        future.get(nanos, TimeUnit.NANOSECONDS);
      } catch (ExecutionException | CancellationException | TimeoutException e) {
        // done or not yet: the next poll tells
      }
    });
  }

  private <T> Result<T> run(Supplier<T> value, Predicate<? super T> done, Pause pause) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long next = firstPause == null ? interval.toNanos() : Math.min(firstPause.toNanos(), interval.toNanos());
    while (true) {
      T last = value.get();
      if (done.test(last)) {
        return new Result<>(Outcome.MET, last, Optional.empty());
      }
      Optional<String> reason = giveUp.get();
      if (reason.isPresent()) {
        return new Result<>(Outcome.GAVE_UP, last, reason == NO_REASON ? Optional.empty() : reason);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return new Result<>(Outcome.TIMED_OUT, last, Optional.empty());
      }
      try {
        pause.pause(Math.min(next, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result<>(Outcome.INTERRUPTED, last, Optional.empty());
      }
      next = Math.min(interval.toNanos(), next * 2);
    }
  }

  private static void requirePositive(Duration duration, String name) {
    if (Objects.requireNonNull(duration, name).isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
  }

  private static void requirePositiveOrZero(Duration duration, String name) {
    if (Objects.requireNonNull(duration, name).isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + duration);
    }
  }

  @FunctionalInterface
  private interface Pause {
    void pause(long nanos) throws InterruptedException;
  }
}
