package dev.vastmesh.worker.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks the autoscaler's signature on a Vast request: SHA256withRSA, standard base64, over the
 * Python-formatted JSON of {@code {"url": ...}} (current) or of every auth_data field but the
 * signature and {@code __request_id} (legacy), as configured — Vast's own tracker reports both
 * shapes in production. The url-only message carries no nonce, so a replay guard on
 * {@code reqnum} rejects repeats and numbers far below the highest seen.
 */
public final class RequestSignatures {

  private static final int WINDOW = 100;

  private final @Nullable PublicKey key;
  private final boolean legacy;
  private final Deque<Long> recent = new ArrayDeque<>();
  private final Set<Long> recentSet = new HashSet<>();
  private long highest = Long.MIN_VALUE;

  /** @param pem the autoscaler's public key (PEM), or null when unsecured */
  public RequestSignatures(@Nullable String pem, String messageShape) {
    this.key = pem == null ? null : parse(pem);
    this.legacy = "legacy".equals(messageShape);
  }

  public boolean unsecured() {
    return key == null;
  }

  /** Whether the signature of {@code authData} verifies. */
  public boolean verify(JsonNode authData) {
    if (key == null) {
      return true;
    }
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update(message(authData).getBytes(StandardCharsets.UTF_8));
      return rsa.verify(Base64.getDecoder().decode(authData.path("signature").asString("")));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The signed text for {@code authData} in the configured shape. */
  public String message(JsonNode authData) {
    Map<String, @Nullable Object> fields = new LinkedHashMap<>();
    if (legacy) {
      for (Map.Entry<String, JsonNode> field : authData.properties()) {
        if (!field.getKey().equals("signature") && !field.getKey().equals("__request_id")) {
          fields.put(field.getKey(), scalar(field.getValue()));
        }
      }
    } else {
      fields.put("url", authData.path("url").asString(""));
    }
    return PythonJson.dumps(fields);
  }

  /** Records {@code reqnum}; false for a repeat or a number more than 100 below the highest seen. */
  public synchronized boolean fresh(long reqnum) {
    if (recentSet.contains(reqnum) || highest != Long.MIN_VALUE && reqnum < highest - WINDOW) {
      return false;
    }
    recent.addLast(reqnum);
    recentSet.add(reqnum);
    if (recent.size() > 1000) {
      recentSet.remove(recent.removeFirst());
    }
    highest = Math.max(highest, reqnum);
    return true;
  }

  private static @Nullable Object scalar(JsonNode node) {
    if (node.isNull()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.isString() ? node.stringValue() : node.toString();
  }

  private static PublicKey parse(String pem) {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the autoscaler's public key is not an RSA PEM key", e);
    }
  }
}
