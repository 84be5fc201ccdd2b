package dev.vastmesh.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing events for transport the Standard Webhooks way (v1.0.0), as every vastmesh sender does:
 * {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>} with
 * the key decoded from a {@code whsec_} secret. Receivers verify with any Standard Webhooks library.
 */
public final class StandardWebhooks {

  private final SecretKeySpec key;

  private StandardWebhooks(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /**
   * A signer for a {@code whsec_} secret.
   *
   * @throws IllegalArgumentException when the secret is not {@code whsec_} + base64 of 24–64 bytes;
   *     the message never contains the secret
   */
  public static StandardWebhooks forSecret(String secret) {
    if (secret == null || !secret.startsWith("whsec_")) {
      throw new IllegalArgumentException("a Standard Webhooks secret must start with whsec_");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring("whsec_".length()).strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a Standard Webhooks secret must be whsec_ followed by base64");
    }
    if (key.length < 24 || key.length > 64) {
      throw new IllegalArgumentException("a Standard Webhooks secret must decode to 24-64 bytes; it has " + key.length);
    }
    return new StandardWebhooks(key);
  }

  /** The {@code webhook-signature} value for a message. */
  public String sign(String id, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
    }
  }

  @Override
  public String toString() {
    return "StandardWebhooks[key=<redacted>]";
  }
}
