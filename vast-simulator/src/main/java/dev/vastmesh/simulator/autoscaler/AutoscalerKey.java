package dev.vastmesh.simulator.autoscaler;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * The autoscaler's RSA key, made at start: workers fetch the public half from {@code /pubkey/}
 * and check each routed request's signature with it (SHA256withRSA over Vast's url message).
 */
@Component
class AutoscalerKey {

  private final KeyPair pair;

  AutoscalerKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    pair = generator.generateKeyPair();
  }

  String publicPem() {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPublic().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
  }

  /** Standard base64 of the signature over Python's {@code json.dumps({"url": url}, indent=4, sort_keys=True)}. */
  String signUrl(String url) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(pair.getPrivate());
      signature.update(urlMessage(url).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the autoscaler key", e);
    }
  }

  static String urlMessage(String url) {
    StringBuilder escaped = new StringBuilder();
    for (char c : url.toCharArray()) {
      switch (c) {
        case '"' -> escaped.append("\\\"");
        case '\\' -> escaped.append("\\\\");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            escaped.append(String.format("\\u%04x", (int) c));
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return "{\n    \"url\": \"" + escaped + "\"\n}";
  }
}
