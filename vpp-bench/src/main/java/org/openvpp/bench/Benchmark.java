package org.openvpp.bench;

import java.util.Map;

/** One benchmark of the {@code ./vpp bench} contract. */
interface Benchmark {

  /** The name used on the command line. */
  String name();

  /** One line saying what it measures and against which baseline. */
  String description();

  /**
   * Runs the benchmark, printing progress as it likes, and returns its figures in print order.
   *
   * @param quick a short run (smaller sizes, fewer iterations) for a first look or CI
   */
  Map<String, Object> run(boolean quick) throws Exception;
}
