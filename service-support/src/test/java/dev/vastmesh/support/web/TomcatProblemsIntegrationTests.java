package dev.vastmesh.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.testsupport.fuzz.NoErrorLogs;
import dev.vastmesh.testsupport.fuzz.RawHttp;
import dev.vastmesh.testsupport.fuzz.RawRequest;
import dev.vastmesh.testsupport.fuzz.RawResponse;
import dev.vastmesh.testsupport.fuzz.StreamedBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a servlet service answers to bad input on the wire, over raw sockets against a real
 * Tomcat: every refusal a 4xx problem, none logged at ERROR, bodies capped on every path
 * (actuator included) before they are read.
 */
@SpringBootTest(classes = TomcatProblemsIntegrationTests.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"vastmesh.http.max-request-bytes=4096", "management.endpoints.web.exposure.include=health,info",
        "management.endpoint.health.show-details=always"})
@ExtendWith(NoErrorLogs.class)
class TomcatProblemsIntegrationTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Beat(String status) {
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Api api() {
      return new Api();
    }
  }

  @RestController
  static class Api {
    @GetMapping("/things")
    Map<String, Object> list(@RequestParam(required = false) String environment) {
      return Map.of("environment", String.valueOf(environment));
    }

    @PostMapping("/things/{id}/beat")
    Map<String, Object> beat(@PathVariable long id, @RequestBody Beat beat) {
      return Map.of("id", id, "status", beat.status());
    }
  }

  @LocalServerPort
  int port;

  @Test
  void aFiftyMegabyteBodyOnAGetToActuatorIsRefusedBeforeItIsRead() throws IOException {
    long body = 128L << 20;
    StreamedBody streamed = StreamedBody.send(port, "GET /actuator/health HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body + "\r\n\r\n", body);

    assertThat(streamed.answer()).startsWith("HTTP/1.1 413")
        .contains("https://vastmesh.dev/problems/payload-too-large").contains("a GET request takes no body");
    assertThat(streamed.closed()).isTrue();
    // What the sockets' buffers hold, not the body: read whole it would be all 128 MB.
    assertThat(streamed.sent()).isLessThan(48L << 20);
  }

  @Test
  void aBodyOverTheCapIsRefusedOnEveryPathBeforeItIsRead() throws IOException {
    long body = 128L << 20;
    StreamedBody streamed = StreamedBody.send(port, "POST /actuator/health HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body + "\r\n\r\n", body);

    assertThat(streamed.answer()).startsWith("HTTP/1.1 413").contains("the request body exceeds 4096 bytes");
    assertThat(streamed.closed()).isTrue();
    assertThat(streamed.sent()).isLessThan(48L << 20);
  }

  @Test
  void aChunkedBodyOnAGetIsRefusedWith413() throws IOException {
    RawResponse answer = send("GET /actuator/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    assertProblem(answer, 413, "payload-too-large");
    assertThat(answer.header("connection")).isEqualTo("close");
  }

  @Test
  void aWildcardContentTypeIs415EvenOnActuator() throws IOException {
    assertProblem(send("GET /actuator/health HTTP/1.1\r\nHost: x\r\nContent-Type: */*\r\nConnection: close\r\n\r\n"),
        415, "unsupported-media-type");
    assertProblem(send("POST /things/1/beat HTTP/1.1\r\nHost: x\r\nContent-Type: */*\r\nContent-Length: 2\r\n"
        + "Connection: close\r\n\r\n{}"), 415, "unsupported-media-type");
  }

  @Test
  void anUndecodableQueryIs400() throws IOException {
    assertProblem(send("GET /things?environment=%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "malformed-request");
  }

  @Test
  void pathParametersAndDotSegmentsAre400() throws IOException {
    assertProblem(send("GET /actuator/health/..;/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "malformed-request");
    assertProblem(send("GET /actuator/%2e%2e/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400, "malformed-request");
  }

  @Test
  void anUnknownHealthPathIs404() throws IOException {
    assertProblem(send("GET /actuator/health/x/y HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404, "not-found");
  }

  @Test
  void theErrorPageRequestedDirectlyIs404() throws IOException {
    assertProblem(send("GET /error HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404, "not-found");
    // As HTTP/0.9, whose answer is committed from the start: the body alone, still the problem.
    RawResponse bare = send("GET /error\r\n");
    assertThat(bare.status()).isEqualTo(RawResponse.HTTP_09);
    assertThat(bare.bodyText()).contains("https://vastmesh.dev/problems/not-found");
  }

  @Test
  void tomcatsOwnRefusalsAreProblems() throws IOException {
    assertProblem(send("GET /things HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n"), 400, "malformed-request");
    assertProblem(send("POST /things/1/beat HTTP/1.1\r\nHost: x\r\nExpect: something\r\nContent-Length: 2\r\n\r\n{}"),
        417, "expectation-failed");
    assertProblem(send("POST /things/1/beat HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"), 400, "malformed-request");
    assertProblem(send("GET /things HTTP/2.0\r\nHost: x\r\n\r\n"), 400, "malformed-request");
    assertProblem(send("GET /things{ HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "malformed-request");
  }

  @Test
  void aBrokenChunkHeaderIsAProblem() throws IOException {
    RawResponse answer = send("POST /things/1/beat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n");
    assertProblem(answer, 400, "malformed-request");
  }

  @Test
  void aTraceWithABrokenBodyIsRefusedAsAProblemWhateverItsContentType() throws IOException {
    // The refusal comes before the body is read: the error page that renders it reads none,
    // multipart or not, so a body that breaks off cannot take the problem away.
    for (String type : new String[] {"multipart/form-data; boundary=b", "multipart/mixed", "application/json"}) {
      for (String broken : new String[] {"ZZ\r\nabc\r\n0\r\n\r\n", "5\r\nab", "3\r\nabcdef\r\n0\r\n\r\n", "\r\n\r\n"}) {
        RawResponse answer = sendHalfClosed("TRACE /things HTTP/1.1\r\nHost: x\r\nContent-Type: " + type + "\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n" + broken);
        assertProblem(answer, 405, "method-not-allowed");
      }
    }
  }

  private RawResponse sendHalfClosed(String request) throws IOException {
    byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
    return new RawHttp("127.0.0.1", port, Duration.ofSeconds(10)).exchange(new RawRequest(bytes, request, true, false));
  }

  private RawResponse send(String request) throws IOException {
    byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
    return new RawHttp("127.0.0.1", port, Duration.ofSeconds(10)).exchange(new RawRequest(bytes, request, false, false));
  }

  private static void assertProblem(RawResponse answer, int status, String kind) {
    assertThat(answer.status()).as(answer.bodyText()).isEqualTo(status);
    assertThat(answer.header("content-type")).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("type").asString()).isEqualTo("https://vastmesh.dev/problems/" + kind);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asString()).isNotEmpty();
  }
}
