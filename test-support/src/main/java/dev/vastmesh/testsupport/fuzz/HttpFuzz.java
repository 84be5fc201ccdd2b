package dev.vastmesh.testsupport.fuzz;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@code count} mutated requests ({@link Mutations}) against a running service, a few
 * connections at a time, and judges every answer with the target's {@link Oracle}. The seed is
 * the {@code fuzz.seed} system property when set (to replay a failure), else random; it is
 * printed before the run and is in the report.
 */
public final class HttpFuzz {

  private final long seed;
  private final int count;
  private final int connections;
  private final Duration timeout;

  private HttpFuzz(long seed, int count, int connections, Duration timeout) {
    this.seed = seed;
    this.count = count;
    this.connections = connections;
    this.timeout = timeout;
  }

  /** {@code count} requests, eight connections at a time, ten seconds each at most. */
  public static HttpFuzz requests(int count) {
    String fixed = System.getProperty("fuzz.seed");
    long seed = fixed == null || fixed.isBlank() ? System.nanoTime() ^ Double.doubleToLongBits(Math.random()) : Long.parseLong(fixed);
    return new HttpFuzz(seed, count, 8, Duration.ofSeconds(10));
  }

  public HttpFuzz seed(long seed) {
    return new HttpFuzz(seed, count, connections, timeout);
  }

  public HttpFuzz connections(int connections) {
    return new HttpFuzz(seed, count, connections, timeout);
  }

  public long seed() {
    return seed;
  }

  public FuzzReport run(String host, int port, FuzzTarget target) {
    System.out.println("HTTP fuzz: " + count + " requests to " + host + ":" + port + ", seed " + seed
        + " (replay with -Dfuzz.seed=" + seed + ")");
    RawHttp http = new RawHttp(host, port, timeout);
    FuzzReport report = new FuzzReport(seed);
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
      for (int c = 0; c < connections; c++) {
        pool.execute(() -> {
          for (int i; (i = next.getAndIncrement()) < count; ) {
            RawRequest request = Mutations.generate(seed, i, target);
            report.record(i, request, exchange(http, request), target.oracle());
          }
        });
      }
    }
    report.finish(Duration.ofNanos(System.nanoTime() - started));
    System.out.println(report.summary());
    return report;
  }

  private static Exchanged exchange(RawHttp http, RawRequest request) {
    try {
      return new Exchanged.Answer(http.exchange(request));
    } catch (SocketTimeoutException e) {
      return new Exchanged.Failed("no answer within the timeout");
    } catch (IOException | RuntimeException e) {
      return new Exchanged.Failed("unreadable answer: " + e);
    }
  }

  /** What came back for one request. */
  sealed interface Exchanged {
    record Answer(RawResponse response) implements Exchanged {
    }

    record Failed(String why) implements Exchanged {
    }
  }
}
