package dev.vastmesh.worker.support;

import dev.vastmesh.testsupport.FakeHttpServer;
import dev.vastmesh.testsupport.FakeHttpServer.Reply;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/** Vast's autoscaler for tests: serves its public key and signs requests with the private one. */
public final class AutoscalerDouble implements AutoCloseable {

  private final FakeHttpServer server = FakeHttpServer.start();
  private final KeyPair keys;
  public final java.util.List<String> statusReports = new java.util.concurrent.CopyOnWriteArrayList<>();
  public final java.util.List<String> deleteReports = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** When false, {@code /pubkey/} answers 503 (an autoscaler that cannot hand out its key). */
  public volatile boolean servesKey = true;

  public AutoscalerDouble() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    server.on("/pubkey/", request -> servesKey ? new Reply(200, Map.of(), pem.getBytes(StandardCharsets.UTF_8)) : Reply.status(503));
    server.on("/worker_status/", request -> {
      statusReports.add(request.text());
      return Reply.status(200);
    });
    server.on("/delete_requests/", request -> {
      deleteReports.add(request.text());
      return Reply.status(200);
    });
  }

  public String url() {
    return server.url();
  }

  /** Signs {@code message} the way the autoscaler does (SHA256withRSA, base64). */
  public String sign(String message) {
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(keys.getPrivate());
      rsa.update(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A complete Vast request body for {@code workerUrl}, signed with the url-only message. */
  public String request(String workerUrl, long reqnum, String payload) {
    String signature = sign("{\n    \"url\": \"" + workerUrl + "\"\n}");
    return "{\"auth_data\":{\"cost\":242.0,\"endpoint\":\"vLLM-Qwen3-8B\",\"reqnum\":" + reqnum + ",\"request_idx\":10203040,"
        + "\"signature\":\"" + signature + "\",\"url\":\"" + workerUrl + "\",\"__request_id\":\"r-1\"},\"payload\":" + payload
        + ",\"session_id\":null}";
  }

  @Override
  public void close() {
    server.close();
  }
}
