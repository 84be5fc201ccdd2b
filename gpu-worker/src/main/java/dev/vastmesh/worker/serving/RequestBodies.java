package dev.vastmesh.worker.serving;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Arrays;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Gathers a request body into one array, no larger than a cap. With a Content-Length the array is
 * allocated once at exactly that size; a chunked body grows by doubling. The cap is checked as the
 * bytes arrive, so an oversized body is refused before it is buffered (and before a byte of it
 * reaches the model server).
 */
final class RequestBodies {

  /** The body passed its cap. A signal, not a fault: no stack trace is filled in. */
  static final class TooLarge extends RuntimeException {
    private TooLarge() {
      super("request body too large", null, false, false);
    }
  }

  private static final TooLarge TOO_LARGE = new TooLarge();
  private static final int FIRST_CHUNKED_CAPACITY = 8192;

  private RequestBodies() {
  }

  /** The Content-Length, or -1 for a chunked body (the codec has already refused a malformed one). */
  static long declaredLength(HttpHeaders headers) {
    String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
    if (length == null || headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED, true)) {
      return -1;
    }
    try {
      return Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * The body, or an error of {@link TooLarge} when more than {@code maxBytes} are declared or arrive.
   *
   * @param declared the Content-Length, or a negative number when the body is chunked
   */
  static Mono<byte[]> read(Flux<ByteBuf> in, long declared, int maxBytes) {
    if (declared > maxBytes) {
      return Mono.error(TOO_LARGE);
    }
    return in.collect(() -> new Gathered(declared, maxBytes), Gathered::append).map(Gathered::bytes);
  }

  private static final class Gathered {
    private final int maxBytes;
    private byte[] bytes;
    private int size;

    Gathered(long declared, int maxBytes) {
      this.maxBytes = maxBytes;
      this.bytes = new byte[declared >= 0 ? (int) declared : Math.min(maxBytes, FIRST_CHUNKED_CAPACITY)];
    }

    void append(ByteBuf chunk) {
      int n = chunk.readableBytes();
      if (n > maxBytes - size) {
        throw TOO_LARGE;
      }
      if (size + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, Math.max(size + n, 2L * bytes.length)));
      }
      chunk.readBytes(bytes, size, n);
      size += n;
    }

    byte[] bytes() {
      return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
    }
  }
}
