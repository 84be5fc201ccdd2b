package dev.vastmesh.worker.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and its private key as PEM files, as Vast mounts them at
 * {@code /etc/instance.crt} and {@code /etc/instance.key}. Made by the JDK's own keytool, so the
 * test needs nothing but a JDK; no key is checked in.
 */
public record SelfSignedPem(Path certificate, Path privateKey, Certificate cert) {

  public static SelfSignedPem create(Path dir) throws Exception {
    Path store = dir.resolve("instance.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process process = new ProcessBuilder(keytool, "-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "instance",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException("keytool failed: " + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) keys.getKey("instance", "changeit".toCharArray());
    Certificate cert = keys.getCertificate("instance");
    Path certificate = Files.writeString(dir.resolve("instance.crt"), pem("CERTIFICATE", cert.getEncoded()));
    Path privateKey = Files.writeString(dir.resolve("instance.key"), pem("PRIVATE KEY", key.getEncoded()));
    return new SelfSignedPem(certificate, privateKey, cert);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
