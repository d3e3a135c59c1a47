package org.openvpp.server.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The runs the platform has kept, and the documents the API showed of each (its settlement, every
 * participant's statement), so that what a finished run settled is still served after a restart. In
 * memory ({@link #NONE} keeps nothing) or in the platform's database.
 *
 * <p>Threads: safe for concurrent use.
 */
public interface RunHistory {

  /**
   * One run.
   *
   * @param id the run's id, e.g. {@code run-3}
   * @param scenario the scenario's name
   * @param startedAt when it started (real time)
   * @param state {@code running}, {@code finished} or {@code interrupted}
   * @param endedAt when it finished, or when it was found interrupted
   * @param eventId the event it settled, once finished
   * @param summary one line on what it delivered and paid, once finished
   */
  record Run(
      String id,
      String scenario,
      int homes,
      int hours,
      long seed,
      Instant startedAt,
      String state,
      Optional<Instant> endedAt,
      Optional<String> eventId,
      Optional<String> summary) {
    public Run {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(scenario, "scenario");
      Objects.requireNonNull(startedAt, "startedAt");
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(endedAt, "endedAt");
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(summary, "summary");
    }
  }

  /**
   * A JSON document of a run.
   *
   * @param kind {@code settlement} or {@code statement}
   * @param key empty for the settlement; the customer for a statement
   * @param json the document as the API served it
   */
  record Document(String kind, String key, String json) {
    public Document {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(json, "json");
    }
  }

  /** Every run, newest first. */
  List<Run> runs();

  /** The run {@code id}. */
  default Optional<Run> run(String id) {
    return runs().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** The newest run that finished. */
  default Optional<Run> latestFinished() {
    return runs().stream().filter(r -> r.state().equals("finished")).findFirst();
  }

  /** The run's documents of {@code kind}, by key. */
  List<Document> documents(String runId, String kind);

  /** The run's document of {@code kind} and {@code key}. */
  default Optional<Document> document(String runId, String kind, String key) {
    return documents(runId, kind).stream().filter(d -> d.key().equals(key)).findFirst();
  }

  /** Keeps {@code documents} of the run {@code runId}, all or none. */
  void keep(String runId, List<Document> documents);

  /** Keeps nothing; knows no runs. */
  RunHistory NONE =
      new RunHistory() {
        @Override
        public List<Run> runs() {
          return List.of();
        }

        @Override
        public List<Document> documents(String runId, String kind) {
          return List.of();
        }

        @Override
        public void keep(String runId, List<Document> documents) {}
      };
}
