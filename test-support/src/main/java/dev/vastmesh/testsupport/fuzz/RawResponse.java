package dev.vastmesh.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The first final answer to a raw request, or none (the server closed or reset the connection
 * without answering, which a request that broke its own framing may get).
 *
 * @param status the status code, -1 for no answer, {@link #HTTP_09} for an answer without a head
 * @param headers the header fields, names in lower case (the last of repeated ones)
 */
public record RawResponse(int status, Map<String, String> headers, byte[] body) {

  /** The status of an HTTP/0.9 answer: a body without a status line or headers. */
  public static final int HTTP_09 = 0;
  static final RawResponse NONE = new RawResponse(-1, Map.of(), new byte[0]);

  public boolean answered() {
    return status >= 0;
  }

  public @Nullable String header(String name) {
    return headers.get(name);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
