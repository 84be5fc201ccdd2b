package dev.vastmesh.worker.serving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A POST to a path that is no configured route and no session endpoint. */
@RestController
class UnknownRouteController {

  private final Counter unknown;

  UnknownRouteController(MeterRegistry meters) {
    // One label for every unknown path: the label set stays bounded whatever clients send.
    this.unknown = Counter.builder("vastmesh.worker.requests").description("requests by route and outcome")
        .tag("route", "unknown").tag("outcome", "unknown_route").register(meters);
  }

  @PostMapping("/**")
  ResponseEntity<Map<String, String>> unknown() {
    unknown.increment();
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no handler for this route"));
  }
}
