package dev.vastmesh.support.web;

import dev.vastmesh.support.problem.Problem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a raw request body of at most {@code limit} bytes: a declared length over it is refused
 * before reading, and a body that turns out longer is refused as soon as it passes the limit —
 * never buffered whole. A declared length is read into an array of exactly that size (the
 * general-purpose read into chunks allocated eight times a 1 KB body, the largest part of the
 * gateway's garbage).
 */
public final class CappedBody {

  private CappedBody() {
  }

  /** The body; a {@link Problem} (413, closing the connection) when it is over the limit. */
  public static byte[] read(HttpServletRequest request, int limit) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = request.getInputStream()) {
      if (declared >= 0) {
        // The container never reads past a declared length, so this is the whole body.
        byte[] body = new byte[(int) declared];
        int read = in.readNBytes(body, 0, body.length);
        return read == body.length ? body : Arrays.copyOf(body, read);
      }
      byte[] body = in.readNBytes(limit + 1);
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      return body;
    }
  }

  /** Closes the connection too: the rest of an oversized body is not read. */
  private static Problem tooLarge(int limit) {
    return Problem.payloadTooLarge(limit).header("Connection", "close");
  }
}
