package dev.vastmesh.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, and constant-time comparison, on bytes: the primitive under every
 * webhook signature vastmesh signs or verifies.
 *
 * <p>The key is set once into a prototype {@link Mac}; each message is computed on a clone of
 * it. Looking the algorithm up and keying a new Mac per message cost as much as hashing a 1 KB
 * body. The prototype itself is never updated, so concurrent callers share it safely.
 */
public final class Hmac {

  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] key;
  private final Mac prototype;

  public Hmac(byte[] key) {
    this.key = key.clone();
    this.prototype = newMac(key);
  }

  /** HMAC-SHA256 of the parts, concatenated. */
  public byte[] of(byte[]... parts) {
    Mac mac;
    try {
      mac = (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      // A provider whose Mac cannot be cloned: key a new one (the slower path, still correct).
      mac = newMac(key);
    }
    for (byte[] part : parts) {
      mac.update(part);
    }
    return mac.doFinal();
  }

  /** One HMAC per secret, each keyed with the secret's UTF-8 bytes as they are. */
  public static List<Hmac> utf8Keys(List<String> secrets) {
    return secrets.stream().map(s -> new Hmac(s.getBytes(StandardCharsets.UTF_8))).toList();
  }

  /** HMAC-SHA256 of the parts under {@code key}, once (signing helpers, tests). */
  public static byte[] sha256(byte[] key, byte[]... parts) {
    return new Hmac(key).of(parts);
  }

  /** Constant-time equality (time depends only on the lengths). */
  public static boolean equal(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(ALGORITHM + " is required of every JVM", e);
    }
  }

  @Override
  public String toString() {
    return "Hmac[key=<redacted>]";
  }
}
