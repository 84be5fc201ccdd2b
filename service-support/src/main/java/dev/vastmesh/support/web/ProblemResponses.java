package dev.vastmesh.support.web;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.ProblemJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A problem written straight to the response, for filters that answer before any handler runs. */
final class ProblemResponses {

  private ProblemResponses() {
  }

  /** With a Content-Length, so a client knows the answer is whole even when the connection closes. */
  static void write(HttpServletResponse response, Problem problem) throws IOException {
    byte[] body = ProblemJson.bytes(problem);
    response.setStatus(problem.status().value());
    problem.headers().forEach(response::setHeader);
    response.setContentType(ProblemJson.MEDIA_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
