package dev.vastmesh.support.web;

import dev.vastmesh.support.problem.StatusProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An error answered with no body at all — actuator's 404 for an unknown metric or health
 * component is one — gets the problem of its status, so that every error of the service is a
 * problem whoever answered it. A response already begun, or typed, is left alone.
 */
public class EmptyErrorProblemFilter extends OncePerRequestFilter implements Ordered {

  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, response);
    if (response.getStatus() >= 400 && !response.isCommitted() && response.getContentType() == null
        && !request.isAsyncStarted()) {
      ProblemResponses.write(response, StatusProblems.of(response.getStatus()));
    }
  }

  @Override
  public int getOrder() {
    return ORDER;
  }
}
