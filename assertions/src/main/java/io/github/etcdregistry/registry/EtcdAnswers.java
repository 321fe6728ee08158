package io.github.etcdregistry.registry;

import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.github.etcdregistry.internal.Poll;
import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Waits for etcd's answers within a timeout, and gives up at once when the owner of the registry knows etcd is gone
 * (whoever started etcd saw it exit): a request then fails with that reason instead of waiting out the timeout.
 */
final class EtcdAnswers {

  static final Supplier<Optional<String>> NOBODY_WATCHES = Optional::empty;
  private static final Duration UNAVAILABLE_RECHECK = Duration.ofMillis(200);
  private static final Duration DEATH_NOTICE = Duration.ofSeconds(1);
  /** A reachable etcd answers a first request well within this; only a slower one is probed, so a good one pays nothing. */
  static final Duration PROBE_AFTER = Duration.ofMillis(300);

  private final Duration timeout;
  private final Supplier<Optional<String>> unavailable;
  private final EtcdProbe probe;
  private volatile boolean answered; // once etcd answered, the connection is known to work

  EtcdAnswers(Duration timeout, Supplier<Optional<String>> unavailable, EtcdProbe probe) {
    this.timeout = timeout;
    this.unavailable = unavailable;
    this.probe = probe;
  }

  <T> T await(CompletableFuture<T> future, String what) {
    return await(future, what, timeout);
  }

  <T> T await(CompletableFuture<T> future, String what, Duration within) {
    CompletableFuture<Optional<String>> unreachable = answered ? CompletableFuture.completedFuture(Optional.empty())
        : probe.start(PROBE_AFTER);
    CompletableFuture<Void> answerOrCause = new CompletableFuture<>();
    future.whenComplete((value, failure) -> answerOrCause.complete(null));
    unreachable.thenAccept(cause -> cause.ifPresent(named -> answerOrCause.complete(null)));
    Poll.Result<Boolean> waited = Poll.atMost(within).every(UNAVAILABLE_RECHECK).giveUpWhenPresent(unavailable).until(answerOrCause);
    unreachable.cancel(false);
    switch (waited.outcome()) {
      case MET -> { }
      case INTERRUPTED -> throw new RegistryAccessException("Interrupted during etcd " + what, null);
      case GAVE_UP -> {
        future.cancel(true);
        throw new RegistryAccessException("etcd cannot answer " + what + ": " + waited.reason().orElseThrow(), null);
      }
      case TIMED_OUT -> {
        future.cancel(true);
        throw new RegistryAccessException("etcd did not answer " + what + " within " + within.toMillis() + " ms", null);
      }
    }
    if (!future.isDone()) {
      future.cancel(true);
      throw new RegistryAccessException("Cannot reach etcd for " + what + ": " + unreachable.join().orElseThrow(), null);
    }
    try {
      T answer = future.join();
      answered = true;
      return answer;
    } catch (CompletionException e) {
      Optional<String> reason = unavailable != NOBODY_WATCHES && lostConnection(e.getCause())
          ? awaitUnavailableReason() : Optional.empty();
      if (reason.isPresent()) {
        throw new RegistryAccessException("etcd cannot answer " + what + ": " + reason.get(), e.getCause());
      }
      throw new RegistryAccessException("etcd refused " + what + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /** Whether etcd's answer was refused for exceeding the client's maximum inbound message size. */
  static boolean tooLarge(RegistryAccessException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof EtcdException etcd && etcd.getErrorCode() == ErrorCode.RESOURCE_EXHAUSTED) {
        return true;
      }
    }
    return e.getCause() != null && Status.fromThrowable(e.getCause()).getCode() == Status.Code.RESOURCE_EXHAUSTED;
  }

  static RegistryAccessException answerTooLarge(String what, RegistryAccessException e) {
    return new RegistryAccessException("etcd's answer to " + what + " is larger than this client accepts (" + e.getMessage()
        + "). Build the registry with EtcdRegistry.builder().maxInboundMessageSize(bytes).", e.getCause());
  }

  /** The connection broke rather than etcd answering with an error: etcd may have just died. */
  private static boolean lostConnection(Throwable cause) {
    if (cause instanceof EtcdException etcd) {
      return etcd.getErrorCode() == ErrorCode.UNAVAILABLE || etcd.getErrorCode() == ErrorCode.UNKNOWN
          || etcd.getErrorCode() == ErrorCode.CANCELLED;
    }
    Status.Code code = Status.fromThrowable(cause).getCode();
    return code == Status.Code.UNAVAILABLE || code == Status.Code.UNKNOWN || code == Status.Code.CANCELLED;
  }

  /**
   * A broken connection is often seen before the owner has noticed the exit behind it (it rechecks a container at
   * most every few hundred milliseconds), so give it up to {@link #DEATH_NOTICE} to name the component.
   */
  private Optional<String> awaitUnavailableReason() {
    return Poll.atMost(DEATH_NOTICE).until(unavailable, Optional::isPresent).last();
  }
}
