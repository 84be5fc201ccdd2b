package dev.vastmesh.simulator.webhooks;

import dev.vastmesh.events.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Vast's {@code X-Vast-Signature-256}: {@code sha256=} and the lowercase hex HMAC-SHA256 of
 * {@code X-Vast-Timestamp + "." + body}, keyed with the secret's UTF-8 bytes as they are.
 */
final class VastSignature {

  private VastSignature() {
  }

  static String sign(String secret, String timestamp, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(
        Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), (timestamp + ".").getBytes(StandardCharsets.UTF_8), body));
  }
}
