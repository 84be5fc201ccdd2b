package dev.vastmesh.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP fuzz suite every service runs against itself, started in the test's JVM: ten
 * thousand mutated requests get no 5xx and only problems, and no test of the class logs an
 * ERROR event. A service's test extends it, names its port and target, and adds the bad inputs
 * it must answer with a 4xx problem ({@link #send}, {@link #assertProblem}).
 */
public abstract class HttpFuzzContract {

  /** At least this many requests per service in the build. */
  public static final int REQUESTS = 10_000;

  private ErrorLogs errors;

  protected abstract int port();

  protected abstract FuzzTarget target();

  @BeforeEach
  void captureErrorLogs() {
    errors = ErrorLogs.capture();
  }

  @AfterEach
  void noErrorWasLogged() {
    errors.close();
    errors.assertNone();
  }

  @Test
  void tenThousandMutatedRequestsGetNo5xxAndOnlyProblems() {
    HttpFuzz.requests(REQUESTS).run("127.0.0.1", port(), target()).assertClean();
  }

  /** {@code head} (request line, headers, body) with a Host and Connection: close added after its first line. */
  protected RawResponse send(String head) throws IOException {
    String request = head.replaceFirst("\r\n", "\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    return new RawHttp("127.0.0.1", port(), Duration.ofSeconds(10))
        .exchange(new RawRequest(request.getBytes(StandardCharsets.ISO_8859_1), request, false, head.startsWith("HEAD ")));
  }

  /** A problem of our vocabulary with this status. */
  protected static void assertProblem(RawResponse answer, int status) {
    assertThat(answer.status()).as(answer.bodyText()).isEqualTo(status);
    assertThat(answer.header("content-type")).startsWith("application/problem+json");
    assertThat(answer.bodyText()).contains("\"status\":" + status).contains("https://vastmesh.dev/problems/");
  }
}
