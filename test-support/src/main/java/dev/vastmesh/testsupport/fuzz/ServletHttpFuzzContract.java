package dev.vastmesh.testsupport.fuzz;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpFuzzContract} for a servlet service, with the bad inputs every one of them must
 * answer with a 4xx problem: a wildcard Content-Type (Spring's request headers refuse it with an
 * exception wherever a body is read, actuator's handlers included) and the error page requested
 * directly.
 */
public abstract class ServletHttpFuzzContract extends HttpFuzzContract {

  protected ServletHttpFuzzContract(FuzzTarget target) {
    super(target);
  }

  @Test
  void aWildcardContentTypeOnActuatorIs415() throws IOException {
    assertProblem(send("GET /actuator/health HTTP/1.1\r\nContent-Type: */*\r\n\r\n"), 415);
  }

  @Test
  void theErrorPageRequestedDirectlyIs404() throws IOException {
    assertProblem(send("GET /error HTTP/1.1\r\n\r\n"), 404);
  }
}
