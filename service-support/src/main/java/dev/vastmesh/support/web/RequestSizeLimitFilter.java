package dev.vastmesh.support.web;

import dev.vastmesh.support.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies, on every path of the service (actuator included): a declared
 * Content-Length over the cap is refused before anything is read, and a body that turns out
 * longer (chunked, or lying) fails as soon as it passes the cap. A GET, HEAD, DELETE, OPTIONS or
 * TRACE carries no body in any of our APIs, so one with a body (a length over zero, or chunked)
 * is refused the same way, with 413 — actuator's handlers would otherwise parse whatever JSON
 * comes with a GET. A 413 is also the status on which Tomcat closes the connection without
 * reading the rest of the body (the service-support auto-configuration turns its swallowing
 * off), so a 50 MB body costs a few kilobytes. Handlers that read the raw stream themselves use
 * {@link CappedBody} with a limit of their own, at most this one.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter implements Ordered {

  /** Before every filter that might read a body. */
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;
  private static final Logger log = LoggerFactory.getLogger(RequestSizeLimitFilter.class);
  private static final Set<String> BODILESS = Set.of("GET", "HEAD", "DELETE", "OPTIONS", "TRACE");

  private final long limit;

  public RequestSizeLimitFilter(long limit) {
    this.limit = limit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (BODILESS.contains(request.getMethod()) && (declared > 0 || request.getHeader("Transfer-Encoding") != null)) {
      refuse(response, new Problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
          "a " + request.getMethod() + " request takes no body"));
      return;
    }
    if (declared > limit) {
      refuse(response, Problem.payloadTooLarge(limit));
      return;
    }
    chain.doFilter(new CappedRequest(request, limit), response);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  /** Answered with a length and closed: the body is not read, so the connection cannot be reused. */
  private static void refuse(HttpServletResponse response, Problem problem) throws IOException {
    log.debug("refused with 413 before reading: {}", problem.detail());
    ProblemResponses.write(response, problem.header("Connection", "close"));
  }

  private static final class CappedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private @Nullable ServletInputStream capped;

    CappedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (capped == null) {
        capped = new CappedStream(super.getInputStream(), limit);
      }
      return capped;
    }
  }

  private static final class CappedStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long read;

    CappedStream(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0 && ++read > limit) {
        throw new PayloadTooLargeException(limit);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0 && (read += n) > limit) {
        throw new PayloadTooLargeException(limit);
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
