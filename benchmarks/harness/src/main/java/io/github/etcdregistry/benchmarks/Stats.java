package io.github.etcdregistry.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, extremes and the first (cold) value of one series of measurements. */
record Stats(int count, double median, double min, double max, double first) {

  static Stats of(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Stats(n, median, sorted.get(0), sorted.get(n - 1), values.get(0));
  }
}
