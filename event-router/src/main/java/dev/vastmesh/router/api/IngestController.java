package dev.vastmesh.router.api;

import dev.vastmesh.events.EventCodec;
import dev.vastmesh.events.EventEnvelope;
import dev.vastmesh.events.EventValidationException;
import dev.vastmesh.events.Violation;
import dev.vastmesh.router.delivery.EventDispatcher;
import dev.vastmesh.router.ingest.EventIntake;
import dev.vastmesh.router.security.Callers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/events}: one canonical event, or a batch (a JSON array). A batch is all or
 * nothing: every event must be valid and routable, or none is taken.
 */
@RestController
class IngestController {

  private final Callers callers;
  private final EventDispatcher dispatcher;
  private final EventIntake intake;
  private final MeterRegistry meters;
  private final EventCodec codec = EventCodec.standard();
  private final int maxBytes;

  IngestController(Callers callers, EventDispatcher dispatcher, EventIntake intake, MeterRegistry meters,
      @Value("${vastmesh.router.max-request-bytes:5242880}") int maxBytes) {
    this.maxBytes = maxBytes;
    this.callers = callers;
    this.dispatcher = dispatcher;
    this.intake = intake;
    this.meters = meters;
  }

  @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
      @Content(mediaType = "application/cloudevents+json"), @Content(mediaType = "application/cloudevents-batch+json"),
      @Content(mediaType = "application/json")}))
  @PostMapping(path = "/api/v1/events", consumes = {"application/cloudevents+json", "application/cloudevents-batch+json",
      MediaType.APPLICATION_JSON_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> ingest(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
      HttpServletRequest request) throws IOException {
    callers.require(authorization, Callers.Scope.INGEST);
    JsonNode root = read(request);
    List<JsonNode> nodes = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(nodes::add);
      if (nodes.isEmpty()) {
        throw new RouterProblem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", "the batch is empty");
      }
    } else {
      nodes.add(root);
    }
    List<EventEnvelope> events = new ArrayList<>(nodes.size());
    List<Map<String, Object>> errors = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      try {
        events.add(codec.parse(nodes.get(i)));
      } catch (EventValidationException e) {
        for (Violation v : e.violations()) {
          Map<String, Object> error = new LinkedHashMap<>();
          error.put("index", i);
          error.put("kind", v.kind().name());
          error.put("pointer", v.pointer());
          error.put("message", v.message());
          errors.add(error);
        }
      }
    }
    if (!errors.isEmpty()) {
      count("rejected_invalid", events.size() + 1);
      throw new RouterProblem(HttpStatus.BAD_REQUEST, "invalid-event", "Invalid event",
          errors.size() + " problem(s) in the request; nothing was accepted").property("errors", errors);
    }
    List<String> unroutable = events.stream().filter(e -> !dispatcher.routable(e)).map(e -> e.type().wireName()).distinct().toList();
    if (!unroutable.isEmpty()) {
      unroutable.forEach(type -> Counter.builder("vastmesh.router.events.unroutable").tag("type", type)
          .description(EventDispatcher.UNROUTABLE_HELP).register(meters).increment());
      throw new RouterProblem(HttpStatus.UNPROCESSABLE_CONTENT, "unroutable-event", "No route",
          "no agent is routed for " + String.join(", ", unroutable) + "; nothing was accepted").property("types", unroutable);
    }
    List<byte[]> jsons = events.stream().map(codec::serialize).toList();
    try {
      intake.accept(events, jsons);
    } catch (DataAccessException e) {
      throw new RouterProblem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Queue unavailable",
          "the event queue (Redis) is unavailable; retry later").header("Retry-After", "5");
    }
    count("accepted", events.size());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("accepted", events.size());
    body.put("event_ids", events.stream().map(EventEnvelope::id).toList());
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
  }

  private JsonNode read(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxBytes) {
      throw tooLarge();
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(maxBytes + 1);
    }
    if (body.length > maxBytes) {
      throw tooLarge();
    }
    try {
      return codec.readTree(body);
    } catch (JacksonException e) {
      throw new RouterProblem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request", "the body is not valid JSON");
    }
  }

  private RouterProblem tooLarge() {
    return new RouterProblem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
        "the body exceeds " + maxBytes + " bytes");
  }

  private void count(String outcome, int n) {
    Counter.builder("vastmesh.router.events.ingested").tag("outcome", outcome)
        .description("Events offered to POST /api/v1/events, by outcome").register(meters).increment(n);
  }
}
