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

/**
 * Vast's autoscaler for tests: serves its public key and signs requests with the private one. Its
 * endpoints may sit below a path ({@code /api/v0}), as behind a REPORT_ADDR with one; any request
 * elsewhere is recorded in {@link #strayPaths} and answered 404.
 */
public final class AutoscalerDouble implements AutoCloseable {

  private final FakeHttpServer server = FakeHttpServer.start();
  private final KeyPair keys;
  private final String prefix;
  public final java.util.List<String> statusReports = new java.util.concurrent.CopyOnWriteArrayList<>();
  public final java.util.List<String> deleteReports = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** When false, {@code /pubkey/} answers 503 (an autoscaler that cannot hand out its key). */
  public volatile boolean servesKey = true;
  /** When false, reports are recorded in {@link #refusedPaths} and answered 503 (an autoscaler that is down). */
  public volatile boolean acceptsReports = true;
  /** Every path asked for below the prefix, in order. */
  public final java.util.List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
  public final java.util.List<String> refusedPaths = new java.util.concurrent.CopyOnWriteArrayList<>();
  public final java.util.List<String> strayPaths = new java.util.concurrent.CopyOnWriteArrayList<>();

  public AutoscalerDouble() {
    this("");
  }

  /** @param prefix the path the endpoints sit below, e.g. {@code /api/v0} (no trailing slash) */
  public AutoscalerDouble(String prefix) {
    this.prefix = prefix;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    server.on("/", request -> {
      strayPaths.add(request.path());
      return Reply.status(404);
    });
    server.on(prefix + "/pubkey/", request -> {
      paths.add(request.path());
      return servesKey ? new Reply(200, Map.of(), pem.getBytes(StandardCharsets.UTF_8)) : Reply.status(503);
    });
    server.on(prefix + "/worker_status/", request -> report(request, statusReports));
    server.on(prefix + "/delete_requests/", request -> report(request, deleteReports));
  }

  private Reply report(FakeHttpServer.Request request, java.util.List<String> into) {
    paths.add(request.path());
    if (!acceptsReports) {
      refusedPaths.add(request.path());
      return Reply.status(503);
    }
    into.add(request.text());
    return Reply.status(200);
  }

  /** The base URL, with the prefix (no trailing slash). */
  public String url() {
    return server.url() + prefix;
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
