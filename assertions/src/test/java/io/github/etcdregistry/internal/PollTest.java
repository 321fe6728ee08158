package io.github.etcdregistry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.etcdregistry.internal.Poll.Outcome;
import io.github.etcdregistry.internal.Poll.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollTest {

  private static final Duration MS = Duration.ofMillis(1);

  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopExecutor() {
    later.shutdownNow();
    Thread.interrupted(); // a test that interrupts itself must not leave the flag to the next
  }

  @Test
  void metAtOnceDoesNotPause() {
    long start = System.nanoTime();
    Result<Boolean> result = Poll.atMost(Duration.ofSeconds(10)).every(Duration.ofSeconds(5)).until(() -> true);
    assertThat(result.outcome()).isEqualTo(Outcome.MET);
    assertThat(result.last()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void metAfterSomePollsReturnsTheValue() {
    AtomicInteger polls = new AtomicInteger();
    Result<Optional<String>> result = Poll.atMost(Duration.ofSeconds(10)).every(MS)
        .until(() -> polls.incrementAndGet() < 3 ? Optional.empty() : Optional.of("ready"), Optional::isPresent);
    assertThat(result.outcome()).isEqualTo(Outcome.MET);
    assertThat(result.last()).contains("ready");
    assertThat(result.reason()).isEmpty();
    assertThat(polls).hasValue(3);
  }

  @Test
  void deadlineReachedKeepsTheLastValueAndPollsOnceMoreAtTheDeadline() {
    AtomicInteger polls = new AtomicInteger();
    long start = System.nanoTime();
    Result<Integer> result = Poll.atMost(Duration.ofMillis(200)).every(Duration.ofSeconds(10)).until(polls::incrementAndGet, n -> false);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(result.last()).isEqualTo(2); // the pause never outlasts the deadline
    assertThat(took).isBetween(Duration.ofMillis(200), Duration.ofSeconds(5));
  }

  @Test
  void zeroTimeoutPollsOnce() {
    AtomicInteger polls = new AtomicInteger();
    Result<Boolean> result = Poll.atMost(Duration.ZERO).until(() -> polls.incrementAndGet() > 1);
    assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(polls).hasValue(1);
  }

  @Test
  void givesUpEarlyWhenTheStopIsTrue() {
    AtomicInteger polls = new AtomicInteger();
    Result<Boolean> result = Poll.atMost(Duration.ofSeconds(10)).every(MS).giveUpWhen(() -> polls.get() >= 2)
        .until(() -> polls.incrementAndGet() > 5);
    assertThat(result.outcome()).isEqualTo(Outcome.GAVE_UP);
    assertThat(result.reason()).isEmpty();
    assertThat(polls).hasValue(2);
  }

  @Test
  void givesUpEarlyWithTheReason() {
    Result<Boolean> result = Poll.atMost(Duration.ofSeconds(10)).giveUpWhenPresent(() -> Optional.of("etcd exited with code 2"))
        .until(() -> false);
    assertThat(result.outcome()).isEqualTo(Outcome.GAVE_UP);
    assertThat(result.reason()).contains("etcd exited with code 2");
    assertThat(result.last()).isFalse();
  }

  @Test
  void theConditionIsCheckedBeforeTheReasonToGiveUp() {
    Result<Boolean> result = Poll.atMost(Duration.ofSeconds(10)).giveUpWhen(() -> true).until(() -> true);
    assertThat(result.outcome()).isEqualTo(Outcome.MET);
  }

  @Test
  void interruptionEndsTheWaitAndRestoresTheFlag() {
    Thread waiting = Thread.currentThread();
    later.schedule(waiting::interrupt, 100, TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    Result<Boolean> result = Poll.atMost(Duration.ofSeconds(30)).until(() -> false);
    assertThat(result.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void alreadyInterruptedThreadPollsOnceThenEnds() {
    AtomicInteger polls = new AtomicInteger();
    Thread.currentThread().interrupt();
    Result<Boolean> result = Poll.atMost(Duration.ofSeconds(30)).until(() -> polls.incrementAndGet() < 0);
    assertThat(result.outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(Thread.interrupted()).isTrue();
    assertThat(polls).hasValue(1);
  }

  @Test
  void backsOffFromTheFirstPauseToTheInterval() {
    List<Long> times = new ArrayList<>();
    Poll.atMost(Duration.ofMillis(400)).every(Duration.ofMillis(80)).backingOffFrom(Duration.ofMillis(10))
        .until(() -> {
          times.add(System.nanoTime());
          return false;
        });
    // pauses of 10, 20, 40, then 80 ms: more polls than 400 / 80 + 1, fewer than with 10 ms throughout
    assertThat(times.size()).isBetween(7, 20);
    assertThat(Duration.ofNanos(times.get(1) - times.get(0))).isLessThan(Duration.ofMillis(60));
  }

  @Test
  void aFutureEndsTheWaitAsSoonAsItCompletes() {
    CompletableFuture<String> future = new CompletableFuture<>();
    later.schedule(() -> future.complete("answer"), 50, TimeUnit.MILLISECONDS);
    long start = System.nanoTime();
    Result<Boolean> result = Poll.atMost(Duration.ofSeconds(30)).every(Duration.ofSeconds(10)).until(future);
    assertThat(result.outcome()).isEqualTo(Outcome.MET);
    assertThat(future).isCompletedWithValue("answer");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aFailedFutureIsDone() {
    Result<Boolean> result = Poll.atMost(Duration.ofSeconds(30)).until(CompletableFuture.failedFuture(new IllegalStateException("refused")));
    assertThat(result.outcome()).isEqualTo(Outcome.MET);
  }

  @Test
  void aFutureWaitGivesUpAndTimesOut() {
    CompletableFuture<String> never = new CompletableFuture<>();
    assertThat(Poll.atMost(Duration.ofSeconds(30)).every(MS).giveUpWhenPresent(() -> Optional.of("etcd is gone")).until(never).reason())
        .contains("etcd is gone");
    assertThat(Poll.atMost(Duration.ofMillis(50)).every(MS).until(never).outcome()).isEqualTo(Outcome.TIMED_OUT);
  }

  @Test
  void refusesNonsense() {
    assertThatIllegalArgumentException().isThrownBy(() -> Poll.atMost(Duration.ofSeconds(-1)));
    assertThatIllegalArgumentException().isThrownBy(() -> Poll.atMost(Duration.ofSeconds(1)).every(Duration.ZERO));
    assertThatIllegalArgumentException().isThrownBy(() -> Poll.atMost(Duration.ofSeconds(1)).backingOffFrom(Duration.ZERO));
  }
}
