package dev.vastmesh.simulator.faults;

import dev.vastmesh.simulator.account.SimAccount;
import dev.vastmesh.simulator.account.VastAuthFilter;
import dev.vastmesh.simulator.config.SimulatorProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What happens to a Vast call before it reaches its controller: Vast's per-endpoint rate limit
 * (when on), then the armed call faults — a 5xx page, an empty or HTML 200, a slow answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class CallFaultFilter extends OncePerRequestFilter {

  private final Faults faults;
  private final RateLimits limits;

  CallFaultFilter(Faults faults, SimulatorProperties properties) {
    this.faults = faults;
    this.limits = new RateLimits(properties.rateLimits().scale());
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Endpoint endpoint = Endpoint.of(request.getMethod(), request.getRequestURI());
    SimAccount account = (SimAccount) request.getAttribute(VastAuthFilter.ACCOUNT);
    if (faults.rateLimited() && account != null && !limits.admit(account.userId(), endpoint)) {
      // Vast sends no Retry-After: the client has to know the threshold.
      write(response, 429, "application/json", "{\"detail\": \"API requests too frequent endpoint threshold="
          + endpoint.threshold() + "\"}");
      return;
    }
    Optional<FaultSpec> fault = faults.fireOnCall(endpoint);
    if (fault.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    FaultSpec spec = fault.get();
    switch (spec.kind()) {
      case SERVER_ERROR -> write(response, spec.statusOrDefault(), "text/html", errorPage(spec.statusOrDefault()));
      case EMPTY_BODY -> write(response, 200, "application/json", "");
      case NOT_JSON -> write(response, 200, "text/html",
          "<!DOCTYPE html><html><head><title>Vast.ai Console</title></head><body>Maintenance</body></html>");
      case SLOW -> {
        try {
          Thread.sleep(spec.delayOrDefault());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        chain.doFilter(request, response);
      }
      default -> chain.doFilter(request, response);
    }
  }

  private static String errorPage(int status) {
    String title = switch (status) {
      case 502 -> "502 Bad Gateway";
      case 503 -> "503 Service Temporarily Unavailable";
      case 504 -> "504 Gateway Time-out";
      default -> status + " Internal Server Error";
    };
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
  }

  private static void write(HttpServletResponse response, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(type.toLowerCase(Locale.ROOT));
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }
}
