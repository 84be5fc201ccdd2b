package dev.vastmesh.worker.serving;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A POST to a path that is no configured route and no session endpoint. */
@RestController
class UnknownRouteController {

  @PostMapping("/**")
  ResponseEntity<Map<String, String>> unknown() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no handler for this route"));
  }
}
