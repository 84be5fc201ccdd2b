package dev.vastmesh.gateway.api;

import dev.vastmesh.gateway.config.Sources;
import dev.vastmesh.gateway.ingest.Outcome;
import dev.vastmesh.gateway.ingest.WebhookPipeline;
import dev.vastmesh.gateway.ingest.WebhookRequest;
import dev.vastmesh.support.web.CappedBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/webhooks/{source}}. Contract: openapi/webhook-gateway.openapi.yml.
 *
 * <p>This pattern route is the documented one and answers for sources nobody configured (404);
 * configured sources also get literal routes that land in {@link #receive(String,
 * HttpServletRequest, HttpServletResponse)} ({@link ConfiguredSourceRoutes}).
 */
@RestController
class WebhookController {

  static final String PATH_PREFIX = "/api/v1/webhooks/";

  private final WebhookPipeline pipeline;
  private final Sources sources;

  WebhookController(WebhookPipeline pipeline, Sources sources) {
    this.pipeline = pipeline;
    this.sources = sources;
  }

  // The body is read from the raw stream (capped, and verified as bytes before any parsing), so
  // it is declared here for the generated description rather than bound by Spring.
  @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
      @Content(mediaType = "application/json"), @Content(mediaType = "application/cloudevents+json")}))
  @PostMapping(path = PATH_PREFIX + "{source}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> receive(@PathVariable String source, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = CappedBody.read(request, sources.find(source).map(s -> s.config().maxBodyBytes()).orElse(BodyCapConfiguration.UNKNOWN_SOURCE_BYTES));
    Outcome outcome = pipeline.process(new WebhookRequest(source, request::getHeader, request.getContentType(), body,
        request.getRemoteAddr()));
    Map<String, Object> answer = new LinkedHashMap<>();
    HttpStatus status = switch (outcome) {
      case Outcome.Accepted accepted -> {
        answer.put("status", "accepted");
        answer.put("event_id", accepted.eventId());
        answer.put("type", accepted.type());
        yield HttpStatus.ACCEPTED;
      }
      case Outcome.Duplicate duplicate -> {
        answer.put("status", "duplicate");
        answer.put("event_id", duplicate.eventId());
        yield HttpStatus.OK;
      }
      case Outcome.Ignored ignored -> {
        answer.put("status", "ignored");
        answer.put("reason", ignored.reason());
        yield HttpStatus.OK;
      }
      case Outcome.Refused refused -> throw Refusals.problem(refused);
    };
    // Straight onto the servlet response: through the entity, each header went into a
    // framework header map and was copied out of it again.
    outcome.headers().forEach(response::setHeader);
    return ResponseEntity.status(status).body(answer);
  }
}
