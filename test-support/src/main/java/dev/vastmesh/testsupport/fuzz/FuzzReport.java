package dev.vastmesh.testsupport.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The figures of a run, and its failures (each with the request index that regenerates it). */
public final class FuzzReport {

  private static final int KEPT = 20;

  private final long seed;
  private final Map<Integer, Integer> statuses = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private int requests;
  private int failed;
  private int fiveHundreds;
  private Duration duration = Duration.ZERO;

  FuzzReport(long seed) {
    this.seed = seed;
  }

  synchronized void record(int index, RawRequest request, HttpFuzz.Exchanged exchanged, Oracle oracle) {
    requests++;
    Optional<String> wrong = switch (exchanged) {
      case HttpFuzz.Exchanged.Failed failure -> Optional.of(failure.why());
      case HttpFuzz.Exchanged.Answer answer -> {
        statuses.merge(answer.response().status(), 1, Integer::sum);
        if (answer.response().status() >= 500) {
          fiveHundreds++;
        }
        yield oracle.judge(request, answer.response()).map(why -> why + ": "
            + shorten(answer.response().bodyText()));
      }
    };
    if (wrong.isPresent()) {
      failed++;
      if (failures.size() < KEPT) {
        failures.add("#" + index + " " + request.summary() + " -> " + wrong.get());
      }
    }
  }

  synchronized void finish(Duration duration) {
    this.duration = duration;
  }

  public long seed() {
    return seed;
  }

  public synchronized int requests() {
    return requests;
  }

  public synchronized int failed() {
    return failed;
  }

  /** Answers with a 5xx status. */
  public synchronized int serverErrors() {
    return fiveHundreds;
  }

  public synchronized Map<Integer, Integer> statuses() {
    return Map.copyOf(statuses);
  }

  public synchronized Duration duration() {
    return duration;
  }

  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  public synchronized String summary() {
    return "HTTP fuzz: " + requests + " requests in " + duration.toMillis() + " ms, seed " + seed + ", "
        + failed + " wrong, " + fiveHundreds + " 5xx; statuses " + statuses
        + (failures.isEmpty() ? "" : "\n  " + String.join("\n  ", failures));
  }

  /** Fails with the seed and the first wrong answers unless every answer was right. */
  public void assertClean() {
    if (failed() > 0) {
      throw new AssertionError(summary());
    }
  }

  private static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
