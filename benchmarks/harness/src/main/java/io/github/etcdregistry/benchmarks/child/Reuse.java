package io.github.etcdregistry.benchmarks.child;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.github.etcdregistry.benchmarks.reuse.SharedControlPlaneClasses;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A whole JUnit run of K shared-control-plane classes, as Surefire would do it: discovery, the one control plane
 * start, K classes, and the close at the end of the run. The difference between K = 10 and K = 1 is what each
 * extra class costs.
 */
final class Reuse {

  private Reuse() {}

  static void run(int classes) {
    if (classes < 1 || classes > SharedControlPlaneClasses.ALL.size()) {
      throw new IllegalArgumentException("between 1 and " + SharedControlPlaneClasses.ALL.size() + " classes, not " + classes);
    }
    List<Class<?>> selected = SharedControlPlaneClasses.ALL.subList(0, classes);
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selected.stream().map(c -> selectClass(c)).toList())
        .build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    ClassDurations classDurations = new ClassDurations();

    long start = System.nanoTime();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(request, listener, classDurations);
    double millis = Out.millisSince(start);

    TestExecutionSummary summary = listener.getSummary();
    if (summary.getTotalFailureCount() > 0 || summary.getTestsSucceededCount() != classes) {
      StringWriter failures = new StringWriter();
      summary.printFailuresTo(new PrintWriter(failures), 20);
      summary.printTo(new PrintWriter(failures));
      throw new IllegalStateException(summary.getTestsSucceededCount() + " of " + classes + " tests passed:\n" + failures);
    }
    Out.result("run", millis);
    // every class after the first: it finds the shared control plane already running
    for (double classMillis : classDurations.finished.subList(1, classDurations.finished.size())) {
      Out.result("extra-class", classMillis);
    }
  }

  /** How long each test class took, from its start to its end in JUnit's events, in the order they finished. */
  private static final class ClassDurations implements TestExecutionListener {
    private final Map<String, Long> started = new HashMap<>();
    private final List<Double> finished = new ArrayList<>();

    @Override
    public void executionStarted(TestIdentifier identifier) {
      if (identifier.getSource().filter(ClassSource.class::isInstance).isPresent()) {
        started.put(identifier.getUniqueId(), System.nanoTime());
      }
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
      Long begin = started.remove(identifier.getUniqueId());
      if (begin != null) {
        finished.add(Out.millisSince(begin));
      }
    }
  }
}
