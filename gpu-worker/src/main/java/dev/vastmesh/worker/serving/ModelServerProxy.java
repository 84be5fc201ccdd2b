package dev.vastmesh.worker.serving;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Forwards an admitted request and copies the model server's answer as it arrives, so a stream is
 * never held back. A client that goes away is the protocol's 499: cancelling the copy drops the
 * model server's connection (it can stop generating) and the request counts as cancelled.
 */
final class ModelServerProxy {

  private static final Logger log = LoggerFactory.getLogger(ModelServerProxy.class);

  /**
   * An answer declaring at most this many bytes is gathered and written with its head in one go:
   * a body of known length is no stream (nothing reads it before its end), arrives in one or two
   * reads, and one write of head and body is one system call where a chunk-by-chunk copy makes
   * two, plus a send queue per request. Longer answers are copied chunk by chunk.
   */
  static final int GATHERED_MAX = 64 * 1024;

  Mono<Void> proxy(Forwarding forwarding, byte[] body, HttpServerResponse response) {
    return Mono.defer(() -> {
      forwarding.started();
      return forwarding.route.target().post(body, (answer, content) -> {
        long length = answered(forwarding, answer, response);
        if (length >= 0 && length <= GATHERED_MAX) {
          // Copied out of the read buffers as they come (which the codec then releases as usual), so
          // an answer that breaks off leaves no buffer to release; one part needs no joining.
          forwarding.gathering = true;
          return response.sendByteArray(content.asByteArray().reduce(ModelServerProxy::joined));
        }
        // Every chunk is written as it arrives and flushed once nothing else is waiting (a flush per
        // event-loop pass): the first token reaches the client when the model sends it, and a burst
        // of chunks costs one system call, not one each.
        return response.send(content.retain());
      }).then(Mono.<Void>fromRunnable(() -> {
        // A send to a connection that closed under it ends quietly: the client did not get it all.
        // A gathered answer went out in one write of its declared length, after which Reactor Netty
        // counts the response as done and the connection as no longer ours: that is no disconnect.
        if (!forwarding.gathering && !connected(response)) {
          forwarding.settle(Forwarding.Result.CANCELLED, "client_disconnected");
        }
      }));
    }).onErrorResume(failure -> failed(forwarding, failure, response));
  }

  /** Copies the answer's head to the response; returns its declared length, or -1 for none. */
  private static long answered(Forwarding forwarding, HttpClientResponse answer, HttpServerResponse response) {
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
    return declaredLength(length);
  }

  private static byte[] joined(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  private static long declaredLength(@Nullable String length) {
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
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
    // A gathered answer that broke off has sent nothing yet: the client is told as it would be had
    // the parts gone out as they came, by a dropped connection after the head, not by a 500.
    if (!response.hasSentHeaders() && !forwarding.gathering) {
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
