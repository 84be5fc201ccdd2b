package dev.vastmesh.router.api;

import dev.vastmesh.router.ingest.EventIngest;
import dev.vastmesh.router.ingest.Ingestion;
import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.security.RequiresScope;
import dev.vastmesh.support.web.CappedBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events}: one canonical event, or a batch (a JSON array), all or nothing
 * ({@link EventIngest}); this class only reads the capped body and words the answer.
 */
@RestController
class IngestController {

  private final EventIngest ingest;
  private final int maxBytes;

  IngestController(EventIngest ingest, @Value("${vastmesh.router.max-request-bytes:5242880}") int maxBytes) {
    this.ingest = ingest;
    this.maxBytes = maxBytes;
  }

  @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
      @Content(mediaType = "application/cloudevents+json"), @Content(mediaType = "application/cloudevents-batch+json"),
      @Content(mediaType = "application/json")}))
  @RequiresScope("ingest")
  @PostMapping(path = "/api/v1/events", consumes = {"application/cloudevents+json", "application/cloudevents-batch+json",
      MediaType.APPLICATION_JSON_VALUE}, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> ingest(HttpServletRequest request) throws IOException {
    return switch (ingest.ingest(CappedBody.read(request, maxBytes))) {
      case Ingestion.Accepted accepted -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", accepted.eventIds().size());
        body.put("event_ids", accepted.eventIds());
        yield ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
      }
      case Ingestion.Malformed malformed -> throw Problem.malformed(malformed.detail());
      case Ingestion.Invalid invalid -> throw Problem.invalidEvent(invalid.errors(),
          invalid.errors().size() + " problem(s) in the request; nothing was accepted");
      case Ingestion.Unroutable unroutable -> throw new Problem(HttpStatus.UNPROCESSABLE_CONTENT, "unroutable-event", "No route",
          "no agent is routed for " + String.join(", ", unroutable.types()) + "; nothing was accepted")
          .property("types", unroutable.types());
      case Ingestion.Unavailable unavailable -> throw new Problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Queue unavailable",
          "the event queue (Redis) is unavailable; retry later").header("Retry-After", "5");
    };
  }
}
