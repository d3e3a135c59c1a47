package org.openvpp.openadr.vtn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Writes racing for one name: the uniqueness check and the write are atomic. */
class ConcurrentWritesTest {

  @Test
  void oneOfManyRacingCreatesWithOneNameWins() throws Exception {
    try (VtnFixture v = new VtnFixture()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          answers.add(
              pool.submit(
                  () -> {
                    start.await();
                    return v.api
                        .call("POST", "/programs", "", v.blToken, Bodies.program("race"))
                        .status();
                  }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
          statuses.add(f.get());
        }
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(v.api.call("GET", "/programs", "", v.blToken, null).body().size()).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
