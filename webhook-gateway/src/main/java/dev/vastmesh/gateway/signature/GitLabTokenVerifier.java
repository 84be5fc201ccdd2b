package dev.vastmesh.gateway.signature;

import dev.vastmesh.events.Hmac;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * GitLab's classic secret token: {@code X-Gitlab-Token} carries the secret itself. No body
 * signature and no timestamp, so the message id ({@code Idempotency-Key}, else
 * {@code X-Gitlab-Webhook-UUID}, else {@code X-Gitlab-Event-UUID}) is the only replay key.
 * Tokens are compared as SHA-256 digests, so the comparison takes the same time whatever the
 * lengths.
 */
public final class GitLabTokenVerifier implements WebhookVerifier {

  public static final String TOKEN = "X-Gitlab-Token";
  public static final List<String> ID_HEADERS = List.of("Idempotency-Key", "X-Gitlab-Webhook-UUID", "X-Gitlab-Event-UUID");

  private final List<byte[]> tokenDigests;

  public GitLabTokenVerifier(List<String> tokens) {
    this.tokenDigests = tokens.stream().map(GitLabTokenVerifier::digest).toList();
  }

  @Override
  public Verification verify(WebhookHeaders headers, byte[] body) {
    String token = headers.first(TOKEN);
    String id = ID_HEADERS.stream().map(headers::first).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
    if (token == null || id == null) {
      return new Verification.Rejected(Verification.Reason.MISSING_HEADER);
    }
    byte[] given = digest(token);
    boolean match = false;
    for (byte[] expected : tokenDigests) {
      match |= Hmac.equal(expected, given);
    }
    return match ? new Verification.Verified(id, null) : new Verification.Rejected(Verification.Reason.BAD_SIGNATURE);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
