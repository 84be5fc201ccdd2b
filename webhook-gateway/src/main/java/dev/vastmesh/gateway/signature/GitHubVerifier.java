package dev.vastmesh.gateway.signature;

import dev.vastmesh.events.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>}. It carries no
 * timestamp, so replays can only be caught by the delivery id ({@code X-GitHub-Delivery}, reused
 * by redeliveries) over a long window.
 */
public final class GitHubVerifier implements WebhookVerifier {

  public static final String SIGNATURE = "X-Hub-Signature-256";
  public static final String DELIVERY = "X-GitHub-Delivery";

  private final List<Hmac> secrets;

  public GitHubVerifier(List<String> secrets) {
    this.secrets = Hmac.utf8Keys(secrets);
  }

  @Override
  public Verification verify(WebhookHeaders headers, byte[] body) {
    String signature = headers.first(SIGNATURE);
    String delivery = headers.first(DELIVERY);
    if (signature == null || delivery == null || delivery.isBlank()) {
      return new Verification.Rejected(Verification.Reason.MISSING_HEADER);
    }
    byte[] given;
    try {
      if (!signature.startsWith("sha256=")) {
        return new Verification.Rejected(Verification.Reason.MALFORMED_HEADER);
      }
      given = HexFormat.of().parseHex(signature.substring(7));
    } catch (IllegalArgumentException e) {
      return new Verification.Rejected(Verification.Reason.MALFORMED_HEADER);
    }
    for (Hmac secret : secrets) {
      if (Hmac.equal(secret.of(body), given)) {
        return new Verification.Verified(delivery, null);
      }
    }
    return new Verification.Rejected(Verification.Reason.BAD_SIGNATURE);
  }

  /** The header value a sender computes (tests, tools). */
  public static String sign(String secret, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body));
  }
}
