package dev.vastmesh.support.web;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps request bodies read by the framework (bound {@code @RequestBody}s): a declared
 * Content-Length over the cap is refused before anything is read, and a body that turns out
 * longer (chunked, or lying) fails as soon as it passes the cap. Handlers that read the raw
 * stream themselves use {@link CappedBody} with a limit of their own instead.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

  private final long limit;

  public RequestSizeLimitFilter(long limit) {
    this.limit = limit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      Problem problem = Problem.payloadTooLarge(limit);
      response.setStatus(problem.status().value());
      response.setContentType(ProblemJson.MEDIA_TYPE);
      response.setHeader("Connection", "close");
      response.getOutputStream().write(ProblemJson.bytes(problem));
      return;
    }
    chain.doFilter(new CappedRequest(request, limit), response);
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
