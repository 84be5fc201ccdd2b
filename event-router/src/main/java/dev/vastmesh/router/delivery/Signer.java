package dev.vastmesh.router.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Standard Webhooks signing: {@code v1,} base64 HMAC-SHA256 over {@code id.timestamp.body}. */
final class Signer {

  private final SecretKeySpec key;

  Signer(String whsecSecret) {
    this.key = new SecretKeySpec(Base64.getDecoder().decode(whsecSecret.substring("whsec_".length())), "HmacSHA256");
  }

  String sign(String id, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
