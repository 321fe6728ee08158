package io.github.etcdregistry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloserTest {

  private final List<String> closed = new ArrayList<>();

  private AutoCloseable named(String name) {
    return () -> closed.add(name);
  }

  private AutoCloseable failing(String name, Exception failure) {
    return () -> {
      closed.add(name);
      throw failure;
    };
  }

  @Test
  void closesInReverseOrderAndCanBeUsedAgain() {
    Closer closer = new Closer();
    closer.register(named("etcd"));
    closer.register(named("kube-apiserver"));
    closer.close();
    assertThat(closed).containsExactly("kube-apiserver", "etcd");
    closer.register(named("again"));
    closer.close();
    closer.close();
    assertThat(closed).containsExactly("kube-apiserver", "etcd", "again");
  }

  @Test
  void everyCloseRunsAndTheFirstFailureIsThrownWithTheOthersSuppressed() {
    IOException first = new IOException("disk gone");
    IllegalStateException second = new IllegalStateException("still running");
    Closer closer = new Closer((closeable, e) -> new IllegalArgumentException("Could not stop the control plane cleanly: " + e.getMessage(), e));
    closer.register(failing("etcd", second));
    closer.register(named("workspace"));
    closer.register(failing("kube-apiserver", first));
    assertThatThrownBy(closer::close).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Could not stop the control plane cleanly: disk gone").hasCause(first)
        .satisfies(thrown -> assertThat(thrown.getSuppressed()).containsExactly(second));
    assertThat(closed).containsExactly("kube-apiserver", "workspace", "etcd");
  }

  @Test
  void theFailureFactoryIsToldWhatFailed() {
    AutoCloseable broken = failing("etcd", new IOException("busy"));
    Closer closer = new Closer((closeable, e) -> new IllegalStateException(closeable == broken ? "the broken one" : "another"));
    closer.register(broken);
    assertThatThrownBy(closer::close).hasMessage("the broken one");
  }

  @Test
  void byDefaultAnUncheckedFailureIsThrownAsItIs() {
    IllegalStateException failure = new IllegalStateException("member still running");
    Closer closer = new Closer();
    closer.register(failing("etcd-0", failure));
    assertThatThrownBy(closer::close).isSameAs(failure);
  }

  @Test
  void byDefaultACheckedFailureIsWrapped() {
    IOException failure = new IOException("disk gone");
    Closer closer = new Closer();
    AutoCloseable resource = failing("file", failure);
    closer.register(resource);
    assertThatThrownBy(closer::close).isInstanceOf(IllegalStateException.class).hasCause(failure)
        .hasMessage("Could not close " + resource + ": disk gone");
  }

  @Test
  void closeAfterKeepsTheStartsFailureFirst() {
    RuntimeException start = new RuntimeException("kube-apiserver was not ready");
    IOException stop = new IOException("etcd would not stop");
    Closer closer = new Closer();
    closer.register(failing("etcd", stop));
    closer.register(named("workspace"));
    closer.closeAfter(start);
    assertThat(closed).containsExactly("workspace", "etcd");
    assertThat(start.getSuppressed()).containsExactly(stop);
  }

  @Test
  void closeAfterDoesNotSuppressTheCauseInItself() {
    RuntimeException start = new RuntimeException("failed");
    Closer closer = new Closer();
    closer.register(failing("rethrows", start));
    closer.closeAfter(start);
    assertThat(start.getSuppressed()).isEmpty();
  }
}
