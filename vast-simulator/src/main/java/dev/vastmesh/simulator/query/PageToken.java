package dev.vastmesh.simulator.query;

import dev.vastmesh.simulator.web.VastError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vast's opaque {@code next_token}: base64 of {@code {"values": {"id": N}}}, the last id of the
 * page. The next page starts after that position in the same order.
 */
public final class PageToken {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PageToken() {
  }

  public static String of(long position) {
    return Base64.getEncoder().encodeToString(("{\"values\": {\"id\": " + position + "}}").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a token names; 0 (the start) for none.
   *
   * @throws VastError 400 {@code invalid_token} as Vast answers a token it did not issue
   */
  public static long position(@Nullable String token) {
    if (token == null || token.isBlank()) {
      return 0;
    }
    try {
      JsonNode id = JSON.readTree(Base64.getDecoder().decode(token.trim())).path("values").path("id");
      if (id.canConvertToLong() && id.longValue() >= 0) {
        return id.longValue();
      }
    } catch (IllegalArgumentException | JacksonException e) {
      // falls through to Vast's answer
    }
    throw VastError.of(400, "invalid_token", "Invalid pagination token");
  }
}
