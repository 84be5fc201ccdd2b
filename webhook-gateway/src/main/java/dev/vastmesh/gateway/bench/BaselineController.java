package dev.vastmesh.gateway.bench;

import dev.vastmesh.gateway.api.CappedBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A bare endpoint that reads the body and answers 202, for the benchmark's baseline: the same
 * server and request, without verification, replay, limits, parsing or hand-off. Off unless
 * {@code vastmesh.gateway.benchmark-baseline=true}; never enable it in production.
 */
@RestController
@ConditionalOnProperty(name = "vastmesh.gateway.benchmark-baseline", havingValue = "true")
class BaselineController {

  @PostMapping("/internal/benchmark/baseline")
  ResponseEntity<Map<String, String>> baseline(HttpServletRequest request) throws IOException {
    // The same read as a webhook's, so the two rows differ only by what follows it.
    CappedBody.read(request, 1_048_576);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "accepted"));
  }
}
