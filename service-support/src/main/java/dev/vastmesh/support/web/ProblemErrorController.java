package dev.vastmesh.support.web;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.StatusProblems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page as a problem, in place of Boot's: what the container dispatches here (an
 * exception thrown in a filter, a {@code sendError}, Tomcat's 405 for TRACE) is answered with the
 * status it carries. Requested directly, with no error to report, the path is a 404 like any
 * other unknown one — Boot's answered it with a 500 of status 999. The problem is written as
 * bytes, without content negotiation: the request that failed may carry an Accept header that
 * does not parse.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

  @RequestMapping
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer value ? value : 404;
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (status >= 500 && failure instanceof Throwable thrown) {
      log.error("request failed outside the handlers", thrown);
    } else {
      log.debug("error page for {}", status);
    }
    Problem problem = StatusProblems.of(status);
    try {
      // The container cleared the buffer before it dispatched here; what was written is gone.
      ProblemResponses.write(response, problem);
    } catch (IllegalStateException committed) {
      // Part of an answer had gone already (the failure came while it was written): nothing to add.
      log.debug("error page for {} after the answer was committed", status);
    }
  }
}
