package dev.vastmesh.registry.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps request bodies: a declared Content-Length over the cap is refused before anything is
 * read, and a body that turns out longer (chunked, or lying) fails as soon as it passes the cap.
 * Registrations are small; a megabyte "registration" is an attack or a bug.
 */
@Component
class RequestSizeLimitFilter extends OncePerRequestFilter {

  private final long limit;
  private final JsonMapper json;

  RequestSizeLimitFilter(@Value("${vastmesh.registry.max-request-bytes:65536}") long limit, JsonMapper json) {
    this.limit = limit;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
          "request body of " + request.getContentLengthLong() + " bytes exceeds the limit of " + limit + " bytes");
      response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setHeader("Connection", "close");
      json.writeValue(response.getOutputStream(), problem);
      return;
    }
    chain.doFilter(new CappedRequest(request, limit), response);
  }

  private static final class CappedRequest extends HttpServletRequestWrapper {
    private final long limit;
    private ServletInputStream capped;

    CappedRequest(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (capped == null) {
        ServletInputStream in = super.getInputStream();
        capped = new ServletInputStream() {
          private long read;

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
        };
      }
      return capped;
    }
  }
}
