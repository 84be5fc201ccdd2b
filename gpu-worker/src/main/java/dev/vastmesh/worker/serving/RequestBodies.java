package dev.vastmesh.worker.serving;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body into memory, no larger than a cap. With a Content-Length the array is
 * allocated at exactly that size: {@link InputStream#readAllBytes()} starts every body, however
 * small, with a 16 KB buffer, which was over 40 % of the worker's allocation per proxied request.
 */
final class RequestBodies {

  private RequestBodies() {
  }

  /**
   * The body, or {@code null} when more than {@code maxBytes} arrive.
   *
   * @param declared the Content-Length, or a negative number when the body is chunked
   */
  static byte @Nullable [] read(InputStream in, long declared, int maxBytes) throws IOException {
    if (declared > maxBytes) {
      return null;
    }
    if (declared >= 0) {
      byte[] body = new byte[(int) declared];
      int n = in.readNBytes(body, 0, body.length);
      return n == body.length ? body : Arrays.copyOf(body, n);
    }
    byte[] body = in.readNBytes(maxBytes + 1);
    return body.length > maxBytes ? null : body;
  }
}
