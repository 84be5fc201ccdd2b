package dev.vastmesh.router.api;

import dev.vastmesh.router.deadletter.DeadLetter;
import dev.vastmesh.router.deadletter.DeadLetterStore;
import dev.vastmesh.router.delivery.EventDispatcher;
import dev.vastmesh.router.routing.RoutingTable;
import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.security.RequiresScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The effective routing table, and the dead letters: list, inspect, replay one or all, purge. Admin only. */
@RestController
class AdminController {

  private final RoutingTable routes;
  private final DeadLetterStore deadLetters;
  private final EventDispatcher dispatcher;

  AdminController(RoutingTable routes, DeadLetterStore deadLetters, EventDispatcher dispatcher) {
    this.routes = routes;
    this.deadLetters = deadLetters;
    this.dispatcher = dispatcher;
  }

  @RequiresScope("admin")
  @GetMapping(path = "/api/v1/routes", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> routes() {
    Map<String, Object> agents = new LinkedHashMap<>();
    routes.agents().forEach((name, agent) -> agents.put(name, Map.of("url", agent.config().url().toString(),
        "timeout", agent.config().timeout().toString(), "max_attempts", agent.config().maxAttempts(),
        "concurrency", agent.config().concurrency())));
    return Map.of("routes", routes.describe(), "agents", agents);
  }

  @RequiresScope("admin")
  @GetMapping(path = "/api/v1/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> list() {
    List<DeadLetter> letters = deadLetters.list();
    return Map.of("dead_letters", letters, "count", letters.size());
  }

  @RequiresScope("admin")
  @GetMapping(path = "/api/v1/dead-letters/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  DeadLetter get(@PathVariable String id) {
    return deadLetters.get(id).orElseThrow(() -> notFound(id));
  }

  @RequiresScope("admin")
  @PostMapping(path = "/api/v1/dead-letters/{id}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> replay(@PathVariable String id) {
    DeadLetter letter = deadLetters.get(id).orElseThrow(() -> notFound(id));
    replay(letter);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("replayed", 1));
  }

  @RequiresScope("admin")
  @PostMapping(path = "/api/v1/dead-letters/replay", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> replayAll() {
    List<DeadLetter> letters = deadLetters.list();
    letters.forEach(this::replay);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("replayed", letters.size()));
  }

  @RequiresScope("admin")
  @DeleteMapping(path = "/api/v1/dead-letters/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    if (!deadLetters.remove(id)) {
      throw notFound(id);
    }
    return ResponseEntity.noContent().build();
  }

  @RequiresScope("admin")
  @DeleteMapping(path = "/api/v1/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> purge() {
    return Map.of("purged", deadLetters.purge());
  }

  /** A replayed letter leaves the list; if it fails again it comes back with fresh figures. */
  private void replay(DeadLetter letter) {
    deadLetters.remove(letter.id());
    dispatcher.replay(letter, () -> { });
  }

  private static Problem notFound(String id) {
    return new Problem(HttpStatus.NOT_FOUND, "dead-letter-not-found", "Dead letter not found",
        "no dead letter with that id");
  }
}
