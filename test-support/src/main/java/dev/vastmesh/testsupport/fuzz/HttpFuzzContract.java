package dev.vastmesh.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;

/**
 * The HTTP fuzz suite every service runs against itself, started in the test's JVM: ten
 * thousand mutated requests get no 5xx and only problems, a huge body on a GET is refused
 * before it is read, and no test of the class logs an ERROR event. A service's test extends it, names its port and target, and adds the bad inputs
 * it must answer with a 4xx problem ({@link #send}, {@link #assertProblem}).
 */
@ExtendWith(NoErrorLogs.class)
public abstract class HttpFuzzContract {

  /** At least this many requests per service in the build. */
  public static final int REQUESTS = 10_000;

  private final FuzzTarget target;

  /** The service's port, as Spring Boot's test context publishes it. */
  @Value("${local.server.port}")
  private int port;

  protected HttpFuzzContract(FuzzTarget target) {
    this.target = target;
  }

  protected int port() {
    return port;
  }

  @Test
  void tenThousandMutatedRequestsGetNo5xxAndOnlyProblems() {
    HttpFuzz.requests(REQUESTS).run("127.0.0.1", port, target).assertClean();
  }

  /**
   * A body on a GET to actuator is refused before it is read: of a 128 MB body the server takes
   * no more than the sockets' buffers hold before it answers 413 and closes. Read whole, or
   * parsed as actuator's handlers parse any JSON, it would take all of it.
   */
  @Test
  void aHugeBodyOnAGetToActuatorIsRefusedBeforeItIsRead() throws IOException {
    long body = 128L << 20;
    StreamedBody streamed = StreamedBody.send(port, "GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body + "\r\n\r\n", body);

    assertThat(streamed.answer()).startsWith("HTTP/1.1 413").contains("a GET request takes no body");
    assertThat(streamed.closed()).isTrue();
    assertThat(streamed.sent()).isLessThan(48L << 20);
  }

  /** {@code head} (request line, headers, body) with a Host and Connection: close added after its first line. */
  protected RawResponse send(String head) throws IOException {
    String request = head.replaceFirst("\r\n", "\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    return new RawHttp("127.0.0.1", port, Duration.ofSeconds(10))
        .exchange(new RawRequest(request.getBytes(StandardCharsets.ISO_8859_1), request, false, head.startsWith("HEAD ")));
  }

  /** A problem of our vocabulary with this status. */
  protected static void assertProblem(RawResponse answer, int status) {
    assertThat(answer.status()).as(answer.bodyText()).isEqualTo(status);
    assertThat(answer.header("content-type")).startsWith("application/problem+json");
    assertThat(answer.bodyText()).contains("\"status\":" + status).contains("https://vastmesh.dev/problems/");
  }
}
