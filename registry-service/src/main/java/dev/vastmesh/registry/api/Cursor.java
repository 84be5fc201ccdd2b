package dev.vastmesh.registry.api;

import dev.vastmesh.support.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque paging cursors. They encode the last instance id of a page; listings are in id order,
 * so a cursor stays valid while instances come and go (no server-side state).
 */
final class Cursor {

  private static final String PREFIX = "after:";

  private Cursor() {
  }

  static String after(long instanceId) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + instanceId).getBytes(StandardCharsets.US_ASCII));
  }

  static long decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (text.startsWith(PREFIX)) {
        return Long.parseLong(text.substring(PREFIX.length()));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw Problem.invalidParameter("cursor", "is not a cursor this registry issued");
  }
}
