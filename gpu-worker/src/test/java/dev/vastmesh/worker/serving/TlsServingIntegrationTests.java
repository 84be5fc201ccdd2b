package dev.vastmesh.worker.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.worker.support.LocalUpstream;
import dev.vastmesh.worker.support.SelfSignedPem;
import dev.vastmesh.worker.support.WorkerCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code USE_SSL=true} as Vast runs it: TLS from the instance's PEM certificate and key on the
 * worker port — the serving routes included — and plain HTTP for {@code /session/end} only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "vastmesh.worker.token=worker-token", "vastmesh.worker.vast.unsecured=true",
    "vastmesh.worker.handlers[0].route=/v1/embeddings", "vastmesh.worker.handlers[0].allow-parallel-requests=true",
    "server.ssl.enabled=true"})
class TlsServingIntegrationTests {

  static final LocalUpstream UPSTREAM = new LocalUpstream();
  static final SelfSignedPem PEM;
  static final int END_PORT = dev.vastmesh.testsupport.FreePort.next();

  static {
    try {
      PEM = SelfSignedPem.create(Files.createTempDirectory("worker-tls"));
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @DynamicPropertySource
  static void tls(DynamicPropertyRegistry registry) {
    registry.add("vastmesh.worker.model-server", UPSTREAM::url);
    registry.add("server.ssl.certificate", () -> PEM.certificate().toUri().toString());
    registry.add("server.ssl.certificate-private-key", () -> PEM.privateKey().toUri().toString());
    registry.add("vastmesh.worker.sessions.end-port", () -> END_PORT);
  }

  @LocalServerPort
  int port;

  HttpClient trusting() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("instance", PEM.cert());
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(context).build();
  }

  @Test
  void theServingRoutesAnswerOverTlsWithTheInstancesCertificate() throws Exception {
    HttpResponse<String> response = trusting().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/v1/embeddings"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer worker-token")
        .POST(HttpRequest.BodyPublishers.ofString("{\"input\":[\"over tls\"]}")).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("over tls");
    assertThat(response.sslSession()).isPresent();
  }

  @Test
  void plainHttpReachesOnlyTheSessionEndListener() throws Exception {
    HttpClient plain = HttpClient.newHttpClient();
    assertThatThrownBy(() -> new WorkerCalls(plain, port).post("/v1/embeddings", "{\"input\":[]}", "Authorization", "Bearer worker-token"))
        .as("the worker port speaks TLS only").isInstanceOf(java.io.IOException.class);

    HttpResponse<String> end = new WorkerCalls(plain, END_PORT).post("/session/end", "{\"session_id\":\"s-unknown\"}");
    assertThat(end.statusCode()).as("plain HTTP on the second listener; an unknown session").isEqualTo(410);
  }
}
