package dev.vastmesh.worker.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/** Vast's autoscaler for tests: serves its public key and signs requests with the private one. */
public final class AutoscalerDouble implements AutoCloseable {

  private final HttpServer server;
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
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    server.createContext("/pubkey/", exchange -> {
      byte[] bytes = pem.getBytes(StandardCharsets.UTF_8);
      if (!servesKey) {
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
        return;
      }
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.createContext("/worker_status/", exchange -> {
      statusReports.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.createContext("/delete_requests/", exchange -> {
      deleteReports.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
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
    server.stop(0);
  }
}
