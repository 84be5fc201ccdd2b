package dev.vastmesh.support.web.tomcat;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.ProblemJson;
import dev.vastmesh.support.problem.StatusProblems;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's own refusals — a request line or header it cannot parse, headers over its limit, an
 * {@code Expect} other than 100-continue, an unknown transfer coding — answered as RFC 9457
 * problems instead of Tomcat's HTML page. These never reach the application, so the problem
 * advice cannot answer them; this valve takes the place of Tomcat's {@link ErrorReportValve}.
 */
public class ProblemReportValve extends ErrorReportValve {

  private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

  /**
   * Bad input is never a 5xx: what Tomcat's parser threw (a request target or header it cannot
   * read), an unknown transfer coding (501) and an HTTP version it does not speak (505) are the
   * caller's, and answered 400 with what was wrong.
   */
  static Problem problemFor(int status, @Nullable Throwable throwable) {
    if (status == 501 || status == 505) {
      return Problem.malformed(StatusProblems.of(status).detail());
    }
    return StatusProblems.of(throwable != null && thrownByTheParser(throwable) ? 400 : status);
  }

  private static boolean thrownByTheParser(Throwable thrown) {
    StackTraceElement[] trace = thrown.getStackTrace();
    if (!(thrown instanceof IllegalArgumentException || thrown instanceof IllegalStateException) || trace.length == 0) {
      return false;
    }
    String origin = trace[0].getClassName();
    return origin.startsWith("org.apache.coyote.") || origin.startsWith("org.apache.tomcat.util.http.")
        || origin.startsWith("org.apache.tomcat.util.buf.");
  }

  @Override
  protected void report(Request request, Response response, @Nullable Throwable throwable) {
    int status = response.getStatus();
    // As Tomcat's own valve: only an error not yet answered, on a connection that can still be written.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean writable = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
    if (!writable.get()) {
      return;
    }
    Problem problem = problemFor(status, throwable);
    if (problem.status().is5xxServerError()) {
      log.error("request failed before the application answered it", throwable);
    } else {
      log.debug("refused by the web server with {}", problem.status().value());
    }
    byte[] body = ProblemJson.bytes(problem);
    try {
      response.resetBuffer();
      response.setStatus(problem.status().value());
      response.setContentType(ProblemJson.MEDIA_TYPE);
      response.setContentLength(body.length);
      OutputStream out = response.getOutputStream();
      out.write(body);
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // The client went away, or the response was taken by another writer: nothing left to say.
      log.debug("could not write the problem for {}: {}", status, e.toString());
    }
  }
}
