package dev.vastmesh.worker.serving;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * The worker's connection to the model server: a pool of kept-alive HTTP/1.1 connections on the
 * same event loops as the worker's own listener, so a proxied request never changes threads.
 * No retries (a POST to a model is not idempotent: Reactor Netty would otherwise send it again
 * when a pooled connection turns out closed), no compression, no redirects: the answer passes
 * through as is.
 */
public final class ModelServer implements AutoCloseable {

  /**
   * Below the keep-alive timeout of common model servers (uvicorn's default is 5 s): a pooled
   * connection the server may already have closed is not reused, since nothing is retried.
   */
  private static final Duration MAX_IDLE = Duration.ofSeconds(4);

  private final ConnectionProvider pool;
  private final HttpClient http;

  public ModelServer(URI base, int maxConnections) {
    // Waiting requests are bounded by admission (max queue time), not by the pool.
    this.pool = ConnectionProvider.builder("model-server").maxConnections(maxConnections).pendingAcquireMaxCount(-1)
        .maxIdleTime(MAX_IDLE).build();
    // Requests name only a path: with the address configured here, Reactor Netty skips parsing a
    // URL per request (a regex, 3 % of the worker's CPU with a base URL). A path in the base URL
    // is replaced, not prefixed, as with URI.resolve.
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() != -1 ? base.getPort() : tls ? 443 : 80;
    InetSocketAddress address = InetSocketAddress.createUnresolved(base.getHost(), port);
    HttpClient client = HttpClient.create(pool).remoteAddress(() -> address).disableRetry(true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000)
        .headers(headers -> headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
            .set(HttpHeaderNames.HOST, base.getRawAuthority()));
    this.http = tls ? client.secure() : client;
  }

  /**
   * POSTs to {@code path}, configured once: building the request's client configuration (method,
   * then URI) copies it each time, two of the three copies a request would otherwise make.
   */
  public Target target(String path) {
    return new Target(http.post().uri(relative(path)));
  }

  /** A path on the model server, ready to POST to. */
  public static final class Target {
    private final HttpClient.RequestSender sender;

    private Target(HttpClient.RequestSender sender) {
      this.sender = sender;
    }

    /**
     * POSTs {@code body} as JSON; {@code answer} gets the status and headers and must consume (or
     * cancel) the body within the publisher it returns. Cancelling it mid-body closes the
     * connection, so the model server sees its client go and can stop generating.
     */
    public <T> Flux<T> post(byte[] body, BiFunction<? super HttpClientResponse, ? super ByteBufFlux, ? extends Publisher<T>> answer) {
      return sender.send(Mono.just(Unpooled.wrappedBuffer(body))).response(answer);
    }
  }

  /** POSTs {@code body} and reads the whole answer; emits its status. */
  public Mono<Integer> call(String path, byte[] body) {
    return http.post().uri(relative(path)).send(Mono.just(Unpooled.wrappedBuffer(body)))
        .responseSingle((response, content) -> content.then(Mono.just(response.status().code())));
  }

  /** A path that is not one would be read as a URL of its own, to wherever it points. */
  private static String relative(String path) {
    return path.startsWith("/") ? path : "/" + path;
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
