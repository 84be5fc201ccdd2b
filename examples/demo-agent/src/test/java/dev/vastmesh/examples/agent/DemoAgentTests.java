package dev.vastmesh.examples.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventType;
import dev.vastmesh.events.StandardWebhooks;
import dev.vastmesh.events.testing.SampleEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DemoAgentTests {

  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  final DemoAgent agent;
  final HttpClient http = HttpClient.newHttpClient();

  DemoAgentTests() throws Exception {
    agent = new DemoAgent(0, Map.of("cluster-operator", SECRET), new PrintStream(printed, true, StandardCharsets.UTF_8));
    agent.start();
  }

  @AfterEach
  void stop() {
    agent.stop();
  }

  HttpResponse<String> deliver(String agentName, String id, byte[] body, String signature) throws Exception {
    long timestamp = System.currentTimeMillis() / 1000;
    String header = signature != null ? signature : StandardWebhooks.forSecret(SECRET).sign(id, timestamp, body);
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/agents/" + agentName + "/events"))
        .header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", header)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSignedDeliveryIsPrintedAndListedARedeliveryIsMarkedDuplicate() throws Exception {
    EventEnvelope event = SampleEvents.of(EventType.INSTANCE_READY);
    byte[] body = EventCodec.standard().serialize(event);

    assertThat(deliver("cluster-operator", event.id(), body, null).statusCode()).isEqualTo(200);
    assertThat(deliver("cluster-operator", event.id(), body, null).statusCode()).isEqualTo(200);

    String listed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/received")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(listed).contains("\"id\":\"" + event.id() + "\"").contains("\"duplicate\":false").contains("\"duplicate\":true");
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("[cluster-operator] " + event.type().wireName())
        .contains("signature ok").contains("(duplicate delivery, ignored)");
  }

  @Test
  void unsignedUnknownAndInvalidDeliveriesAreRefused() throws Exception {
    EventEnvelope event = SampleEvents.of(EventType.INSTANCE_READY);
    byte[] body = EventCodec.standard().serialize(event);

    assertThat(deliver("cluster-operator", event.id(), body, "v1,AAAA").statusCode()).isEqualTo(401);
    assertThat(deliver("nobody", event.id(), body, null).statusCode()).isEqualTo(404);
    assertThat(deliver("cluster-operator", "x-1", "{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8), null).statusCode())
        .isEqualTo(422);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("refused a delivery: BAD_SIGNATURE");
  }
}
