package dev.vastmesh.support.web.tomcat;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.web.ProblemAdvice;
import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The caller's faults that Tomcat reports as exceptions while a handler runs, answered as 400
 * problems rather than the catch-all's 500: a query string that does not decode (invalid UTF-8,
 * a broken percent escape, too many parameters), and a body that breaks off or whose chunk
 * framing is malformed while a handler reads it ({@link BadRequestException}, of which a client
 * gone mid-body is one).
 */
@RestControllerAdvice
public class TomcatRequestAdvice implements Ordered {

  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<?> undecodableQuery(InvalidParameterException e) {
    return ProblemAdvice.respond(Problem.malformed("the query string cannot be decoded (percent-encoded UTF-8 expected)"));
  }

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<?> brokenBody(BadRequestException e) {
    // The connection is unusable after a broken body: close it.
    return ProblemAdvice.respond(Problem.malformed("the request body is incomplete or its framing is malformed")
        .header("Connection", "close"));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
