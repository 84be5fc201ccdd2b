package dev.vastmesh.simulator.autoscaler;

import dev.vastmesh.simulator.billing.Ledger;
import dev.vastmesh.simulator.config.SimClock;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures the traffic the simulator itself exchanges with its instances: the reports a worker
 * POSTs to its autoscaler ({@code /worker_status/}, {@code /delete_requests/}). The body it sends is
 * the instance's upload, the answer's body its download; both are booked on the instance the
 * report names ({@code id} or {@code worker_id}, its {@code CONTAINER_ID}) at the simulated time.
 * Headers and TCP overhead are not counted; traffic that does not pass through the simulator
 * (a worker's own serving port) is not seen here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class TrafficMeter extends OncePerRequestFilter {

  private static final Set<String> REPORTS = Set.of("/worker_status/", "/delete_requests/");
  private static final int MAX_BODY = 1 << 20;
  private static final double BYTES_PER_GB = 1e9;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Ledger ledger;
  private final SimClock clock;

  TrafficMeter(Ledger ledger, SimClock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || !REPORTS.contains(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingRequestWrapper in = new ContentCachingRequestWrapper(request, MAX_BODY);
    ContentCachingResponseWrapper out = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(in, out);
    } finally {
      byte[] body = in.getContentAsByteArray();
      long up = Math.max(request.getContentLengthLong(), body.length);
      long down = out.getContentSize();
      out.copyBodyToResponse();
      Long instance = instance(body);
      if (instance != null) {
        ledger.live(instance).ifPresent(c -> c.traffic(clock.now(), down / BYTES_PER_GB, up / BYTES_PER_GB));
      }
    }
  }

  private static @Nullable Long instance(byte[] body) {
    try {
      JsonNode report = JSON.readTree(body);
      JsonNode id = report.has("worker_id") ? report.get("worker_id") : report.path("id");
      return id.canConvertToLong() ? id.longValue() : null;
    } catch (JacksonException e) {
      return null;
    }
  }
}
