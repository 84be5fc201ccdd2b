package dev.vastmesh.support.web;

import dev.vastmesh.support.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads them, requests that Tomcat and Spring would understand
 * differently: a path with parameters ({@code ;}) or dot segments ({@code ..}, also encoded) —
 * Tomcat maps the normalised path while Spring matches the raw one, so
 * {@code /actuator/health/..;/x} reached the health endpoint with a path of {@code ..} — and a
 * wildcard {@code Content-Type} ({@code *}{@code /*}), which Spring's request headers reject with
 * an exception wherever a handler reads its body. None of our APIs uses either.
 */
public class RequestFirewall extends OncePerRequestFilter implements Ordered {

  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;
  private static final Logger log = LoggerFactory.getLogger(RequestFirewall.class);

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    if (path.indexOf(';') >= 0 || hasDotSegment(path)) {
      refuse(response, Problem.malformed("the path must not contain parameters (;) or dot segments"));
      return;
    }
    String type = request.getContentType();
    if (type != null && isWildcard(type)) {
      refuse(response, new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
          "the Content-Type must name one media type, not a wildcard"));
      return;
    }
    chain.doFilter(request, response);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  static boolean hasDotSegment(String path) {
    for (String segment : path.split("/", -1)) {
      String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
      if (decoded.equals(".") || decoded.equals("..")) {
        return true;
      }
    }
    return false;
  }

  static boolean isWildcard(String contentType) {
    int parameters = contentType.indexOf(';');
    String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip();
    return type.startsWith("*") || type.endsWith("/*");
  }

  private static void refuse(HttpServletResponse response, Problem problem) throws IOException {
    log.debug("refused with {}: {}", problem.status().value(), problem.detail());
    ProblemResponses.write(response, problem);
  }
}
