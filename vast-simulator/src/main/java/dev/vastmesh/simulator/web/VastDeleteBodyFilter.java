package dev.vastmesh.simulator.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Vast's CLI (and vastai-client) send {@code {}} with a DELETE, which every other vastmesh service
 * refuses before reading (their DELETEs take no body). Here a small DELETE body on the Vast
 * surface is read and dropped first, so the shared size filter sees a bodiless DELETE; a large
 * or chunked one still meets that filter's refusal.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class VastDeleteBodyFilter extends OncePerRequestFilter {

  private static final long MAX = 4096;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    long length = request.getContentLengthLong();
    return !"DELETE".equals(request.getMethod()) || !request.getRequestURI().startsWith("/api/") || length <= 0 || length > MAX
        || request.getHeader("Transfer-Encoding") != null;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    request.getInputStream().readNBytes((int) MAX);
    chain.doFilter(new Bodiless(request), response);
  }

  private static final class Bodiless extends HttpServletRequestWrapper {

    Bodiless(HttpServletRequest request) {
      super(request);
    }

    @Override
    public long getContentLengthLong() {
      return 0;
    }

    @Override
    public int getContentLength() {
      return 0;
    }

    @Override
    public @Nullable String getHeader(String name) {
      return "Content-Length".equalsIgnoreCase(name) ? "0" : super.getHeader(name);
    }

    @Override
    public ServletInputStream getInputStream() {
      return new ServletInputStream() {
        @Override
        public int read() {
          return -1;
        }

        @Override
        public boolean isFinished() {
          return true;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body was dropped");
        }
      };
    }
  }
}
