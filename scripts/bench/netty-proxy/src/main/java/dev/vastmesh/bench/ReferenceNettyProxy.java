package dev.vastmesh.bench;

import io.netty.buffer.Unpooled;
import java.util.concurrent.atomic.DoubleAdder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an event-loop front would cost: a Reactor Netty proxy doing the worker's per-request CPU
 * work for a bearer pass-through (token check, JSON parse, workload from {@code /input}, load in
 * flight) and nothing else — no signatures, sessions, streaming, reports or metrics. The same
 * event loops serve the client and the upstream connections, so no request changes threads.
 * Usage: {@code ReferenceNettyProxy PORT UPSTREAM_URL TOKEN}.
 */
public final class ReferenceNettyProxy {

  private ReferenceNettyProxy() {
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(args[0]);
    String bearer = "Bearer " + args[2];
    JsonMapper json = JsonMapper.builder().build();
    DoubleAdder inFlight = new DoubleAdder();
    HttpClient upstream = HttpClient.create(ConnectionProvider.builder("model-server").maxConnections(1024)
        .pendingAcquireMaxCount(-1).build()).baseUrl(args[1]);
    HttpServer.create().host("127.0.0.1").port(port).handle((request, response) -> {
      if (!bearer.equals(request.requestHeaders().get("Authorization"))) {
        return response.status(401).send();
      }
      return request.receive().aggregate().asByteArray().flatMap(body -> {
        double workload = json.readTree(body).path("input").size();
        inFlight.add(workload);
        return upstream.headers(h -> h.set("Content-Type", "application/json")).post().uri(request.uri())
            .send(Mono.just(Unpooled.wrappedBuffer(body)))
            .responseSingle((answer, content) -> content.asByteArray().map(bytes -> {
              response.status(answer.status()).header("Content-Type", answer.responseHeaders().get("Content-Type", "application/json"));
              return bytes;
            }))
            .doFinally(signal -> inFlight.add(-workload));
      }).flatMap(bytes -> response.sendByteArray(Mono.just(bytes)).then());
    }).bindNow().onDispose().block();
  }
}
