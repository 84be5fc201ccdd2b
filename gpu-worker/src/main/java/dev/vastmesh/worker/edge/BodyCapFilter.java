package dev.vastmesh.worker.edge;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.ProblemJson;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The body cap of the WebFlux endpoints (sessions, actuator, unknown routes; the serving routes
 * cap their own bodies): a declared length over the codecs' in-memory limit, or any body on a
 * GET, HEAD, DELETE, OPTIONS or TRACE, is refused with a 413 problem before a byte of it is read,
 * and the connection closed rather than drained — the same rule as the servlet services'.
 */
final class BodyCapFilter implements WebFilter {

  private static final Set<HttpMethod> BODILESS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE,
      HttpMethod.OPTIONS, HttpMethod.TRACE);

  private final long limit;

  BodyCapFilter(long limit) {
    this.limit = limit;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    long declared = request.getHeaders().getContentLength();
    boolean chunked = request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
    if (BODILESS.contains(request.getMethod()) && (declared > 0 || chunked)) {
      return refuse(exchange.getResponse(), new Problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
          "Payload too large", "a " + request.getMethod().name() + " request takes no body"));
    }
    if (declared > limit) {
      return refuse(exchange.getResponse(), Problem.payloadTooLarge(limit));
    }
    return chain.filter(exchange);
  }

  private static Mono<Void> refuse(ServerHttpResponse response, Problem problem) {
    byte[] body = ProblemJson.bytes(problem);
    response.setStatusCode(problem.status());
    response.getHeaders().set(HttpHeaders.CONTENT_TYPE, ProblemJson.MEDIA_TYPE);
    response.getHeaders().setContentLength(body.length);
    // Reactor Netty closes the connection instead of reading the unread rest of the body.
    response.getHeaders().set(HttpHeaders.CONNECTION, "close");
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
