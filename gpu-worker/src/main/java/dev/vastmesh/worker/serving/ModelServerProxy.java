package dev.vastmesh.worker.serving;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Forwards an admitted request and copies the model server's answer chunk by chunk as it arrives,
 * so a stream is never held back. A client that goes away is the protocol's 499: cancelling the
 * copy drops the model server's connection (it can stop generating) and the request counts as
 * cancelled.
 */
final class ModelServerProxy {

  private static final Logger log = LoggerFactory.getLogger(ModelServerProxy.class);

  Mono<Void> proxy(Forwarding forwarding, byte[] body, HttpServerResponse response) {
    return Mono.defer(() -> {
      forwarding.started();
      return forwarding.route.target().post(body, (answer, content) -> {
        answered(forwarding, answer, response);
        // Every chunk is written as it arrives and flushed once nothing else is waiting (a flush per
        // event-loop pass): the first token reaches the client when the model sends it, and a burst
        // of chunks costs one system call, not one each.
        return response.send(content.retain());
      }).then(Mono.<Void>fromRunnable(() -> {
        // A send to a connection that closed under it ends quietly: the client did not get it all.
        if (!connected(response)) {
          forwarding.settle(Forwarding.Result.CANCELLED, "client_disconnected");
        }
      }));
    }).onErrorResume(failure -> failed(forwarding, failure, response));
  }

  /** Copies the answer's head to the response. */
  private static void answered(Forwarding forwarding, HttpClientResponse answer, HttpServerResponse response) {
    int code = answer.status().code();
    HttpHeaders headers = answer.responseHeaders();
    String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
    response.status(code);
    if (contentType != null) {
      response.header(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
    if (length != null) {
      // Passed on as declared (a chunked answer has none and goes out chunked), so the client can
      // size its buffer. Should the model server break off, the connection is dropped and the
      // client sees a short body, as from the model server.
      response.header(HttpHeaderNames.CONTENT_LENGTH, length);
    }
    boolean ok = code / 100 == 2;
    forwarding.result = ok ? Forwarding.Result.SUCCEEDED : Forwarding.Result.FAILED;
    forwarding.outcome = ok ? "ok" : "upstream_" + code / 100 + "xx";
  }

  /** Where a forwarded request failed decides what the client can still be told. */
  private static Mono<Void> failed(Forwarding forwarding, Throwable failure, HttpServerResponse response) {
    String path = forwarding.route.path();
    if (!connected(response)) {
      log.debug("client left during {}: {}", path, failure.toString());
      forwarding.settle(Forwarding.Result.CANCELLED, "client_disconnected");
      return Mono.empty();
    }
    forwarding.settle(Forwarding.Result.FAILED, "upstream_failed");
    if (!response.hasSentHeaders()) {
      log.warn("model server call to {} failed: {}", path, failure.toString());
      response.responseHeaders().remove(HttpHeaderNames.CONTENT_LENGTH);
      return Answers.write(response, 500, Answers.JSON, Answers.UPSTREAM_UNAVAILABLE);
    }
    // The answer's head went out already: only a dropped connection tells the client it is short.
    log.warn("model server answer for {} broke off: {}", path, failure.toString());
    response.withConnection(Connection::dispose);
    return Mono.empty();
  }

  private static boolean connected(HttpServerResponse response) {
    boolean[] active = new boolean[1];
    response.withConnection(connection -> active[0] = connection.channel().isActive());
    return active[0];
  }
}
