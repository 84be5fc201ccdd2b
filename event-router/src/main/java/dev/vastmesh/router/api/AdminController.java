package dev.vastmesh.router.api;

import dev.vastmesh.router.deadletter.DeadLetter;
import dev.vastmesh.router.deadletter.DeadLetterStore;
import dev.vastmesh.router.delivery.EventDispatcher;
import dev.vastmesh.router.routing.RoutingTable;
import dev.vastmesh.router.security.Callers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The effective routing table, and the dead letters: list, inspect, replay one or all, purge. */
@RestController
class AdminController {

  private final Callers callers;
  private final RoutingTable routes;
  private final DeadLetterStore deadLetters;
  private final EventDispatcher dispatcher;

  AdminController(Callers callers, RoutingTable routes, DeadLetterStore deadLetters, EventDispatcher dispatcher) {
    this.callers = callers;
    this.routes = routes;
    this.deadLetters = deadLetters;
    this.dispatcher = dispatcher;
  }

  @GetMapping(path = "/api/v1/routes", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> routes(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
    callers.require(authorization, Callers.Scope.ADMIN);
    Map<String, Object> agents = new LinkedHashMap<>();
    routes.agents().forEach((name, agent) -> agents.put(name, Map.of("url", agent.config().url().toString(),
        "timeout", agent.config().timeout().toString(), "max_attempts", agent.config().maxAttempts(),
        "concurrency", agent.config().concurrency())));
    return Map.of("routes", routes.describe(), "agents", agents);
  }

  @GetMapping(path = "/api/v1/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> list(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
    callers.require(authorization, Callers.Scope.ADMIN);
    List<DeadLetter> letters = deadLetters.list();
    return Map.of("dead_letters", letters, "count", letters.size());
  }

  @GetMapping(path = "/api/v1/dead-letters/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  DeadLetter get(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization, @PathVariable String id) {
    callers.require(authorization, Callers.Scope.ADMIN);
    return deadLetters.get(id).orElseThrow(() -> notFound(id));
  }

  @PostMapping(path = "/api/v1/dead-letters/{id}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> replay(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
      @PathVariable String id) {
    callers.require(authorization, Callers.Scope.ADMIN);
    DeadLetter letter = deadLetters.get(id).orElseThrow(() -> notFound(id));
    replay(letter);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("replayed", 1));
  }

  @PostMapping(path = "/api/v1/dead-letters/replay", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> replayAll(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
    callers.require(authorization, Callers.Scope.ADMIN);
    List<DeadLetter> letters = deadLetters.list();
    letters.forEach(this::replay);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("replayed", letters.size()));
  }

  @DeleteMapping(path = "/api/v1/dead-letters/{id}")
  ResponseEntity<Void> delete(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
      @PathVariable String id) {
    callers.require(authorization, Callers.Scope.ADMIN);
    if (!deadLetters.remove(id)) {
      throw notFound(id);
    }
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping(path = "/api/v1/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> purge(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
    callers.require(authorization, Callers.Scope.ADMIN);
    return Map.of("purged", deadLetters.purge());
  }

  /** A replayed letter leaves the list; if it fails again it comes back with fresh figures. */
  private void replay(DeadLetter letter) {
    deadLetters.remove(letter.id());
    dispatcher.replay(letter, () -> { });
  }

  private static RouterProblem notFound(String id) {
    return new RouterProblem(HttpStatus.NOT_FOUND, "dead-letter-not-found", "Dead letter not found",
        "no dead letter with that id");
  }
}
