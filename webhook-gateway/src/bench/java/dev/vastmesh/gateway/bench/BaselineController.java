package dev.vastmesh.gateway.bench;

import dev.vastmesh.support.web.CappedBody;
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
 * server and request, without verification, replay, limits, parsing or hand-off. It is compiled
 * only into the benchmark build ({@code -Pbench}, scripts/bench-gateway.sh), never into the
 * service's jar, and even there it is off unless
 * {@code vastmesh.gateway.benchmark-baseline=true}.
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
