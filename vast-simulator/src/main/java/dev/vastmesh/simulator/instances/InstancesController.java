package dev.vastmesh.simulator.instances;

import dev.vastmesh.simulator.account.SimAccount;
import dev.vastmesh.simulator.account.VastApi;
import dev.vastmesh.simulator.account.VastAuthFilter;
import dev.vastmesh.simulator.config.SimClock;
import dev.vastmesh.simulator.config.SimulatorProperties;
import dev.vastmesh.simulator.query.Filters;
import dev.vastmesh.simulator.query.PageToken;
import dev.vastmesh.simulator.query.Values;
import dev.vastmesh.simulator.web.VastError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Vast's instance calls. An instance of another account is not found, as on Vast: show answers
 * {@code {"instances": null}}, the changes 404 {@code no_such_instance}.
 */
@RestController
@VastApi
class InstancesController {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  // Vast computes these per row, and refuses them in select_filters.
  private static final Set<String> COMPUTED = Set.of("dph_total", "num_gpus");

  private final InstanceService service;
  private final String publicIp;
  private final SimClock clock;

  InstancesController(InstanceService service, SimulatorProperties properties, SimClock clock) {
    this.service = service;
    this.clock = clock;
    this.publicIp = properties.publicIpaddr();
  }

  @PutMapping("/api/v0/asks/{offerId}/")
  Map<String, Object> create(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account, @PathVariable long offerId,
      @RequestBody JsonNode body) {
    long id = service.create(account, offerId, CreateRequests.parse(body));
    return Map.of("success", true, "new_contract", id);
  }

  @GetMapping("/api/v1/instances/")
  Map<String, @Nullable Object> list(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account,
      @RequestParam(name = "select_filters", required = false) @Nullable String selectFilters,
      @RequestParam(name = "order_by", required = false) @Nullable String orderBy,
      @RequestParam(required = false, defaultValue = "25") int limit,
      @RequestParam(name = "after_token", required = false) @Nullable String afterToken) {
    if (limit < 1) {
      throw VastError.invalidArgs("limit must be at least 1.");
    }
    Filters filters = Filters.parse(json(selectFilters, "{}", "select_filters"), Set.of());
    if (filters.fields().stream().anyMatch(COMPUTED::contains)) {
      throw VastError.invalidArgs("dph_total and num_gpus are computed and cannot be filtered on.");
    }
    JsonNode order = json(orderBy, "[{\"col\":\"id\",\"dir\":\"asc\"}]", "order_by");
    boolean byId = order.size() == 1 && order.path(0).path("col").asString("").equals("id")
        && order.path(0).path("dir").asString("asc").equals("asc");
    List<SimInstance> all = service.list(account.userId());
    long offset = PageToken.position(afterToken);
    List<ObjectNode> rows;
    List<ObjectNode> page;
    if (filters.isEmpty() && byId) {
      // The common call (the client's): by id, unfiltered. Only the page's rows are rendered.
      rows = null;
      page = all.subList((int) Math.min(offset, all.size()), (int) Math.min(offset + limit, all.size())).stream()
          .map(i -> InstanceJson.of(i, publicIp, clock.now())).toList();
    } else {
      rows = new ArrayList<>();
      Instant now = clock.now();
      for (SimInstance instance : all) {
        ObjectNode row = InstanceJson.of(instance, publicIp, now);
        if (filters.matches(row)) {
          rows.add(row);
        }
      }
      rows.sort(order(order));
      page = rows.subList((int) Math.min(offset, rows.size()), (int) Math.min(offset + limit, rows.size()));
    }
    int found = rows == null ? all.size() : rows.size();
    Map<String, @Nullable Object> answer = new LinkedHashMap<>();
    answer.put("success", true);
    answer.put("instances_found", found);
    answer.put("total_instances", all.size());
    answer.put("next_token", offset + limit < found ? PageToken.of(offset + limit) : null);
    answer.put("instances", page);
    return answer;
  }

  /** The deprecated list: every instance, no paging. */
  @GetMapping("/api/v0/instances")
  Map<String, Object> legacyList(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account,
      @RequestParam(required = false) @Nullable String owner) {
    return Map.of("instances", service.list(account.userId()).stream().map(i -> InstanceJson.of(i, publicIp, clock.now())).toList());
  }

  @GetMapping("/api/v0/instances/{id}/")
  Map<String, @Nullable Object> show(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account, @PathVariable long id,
      @RequestParam(required = false) @Nullable String owner) {
    Map<String, @Nullable Object> answer = new LinkedHashMap<>();
    answer.put("instances", service.find(account.userId(), id).map(i -> InstanceJson.of(i, publicIp, clock.now())).orElse(null));
    return answer;
  }

  @DeleteMapping("/api/v0/instances/{id}/")
  Map<String, Object> destroy(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account, @PathVariable long id) {
    service.destroy(service.require(account.userId(), id));
    return Map.of("success", true);
  }

  /** Start, stop ({@code state}) or label. */
  @PutMapping("/api/v0/instances/{id}/")
  Map<String, Object> modify(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account, @PathVariable long id,
      @RequestBody JsonNode body) {
    SimInstance instance = service.require(account.userId(), id);
    if (body.has("state")) {
      switch (body.get("state").asString()) {
        case "running" -> service.start(instance);
        case "stopped" -> service.stop(instance, "Instance stopped by user");
        default -> throw VastError.invalidArgs("state must be running or stopped.");
      }
      return Map.of("success", true);
    }
    if (body.has("label")) {
      JsonNode label = body.get("label");
      if (!label.isString() || label.asString().length() > 1024) {
        throw VastError.invalidArgs("label must be a string of at most 1024 characters.");
      }
      service.label(instance, label.asString());
      return Map.of("success", true, "msg", "Instance label set to " + label.asString() + ".");
    }
    throw VastError.invalidArgs("Give a state (running, stopped) or a label.");
  }

  @PutMapping("/api/v0/instances/reboot/{id}/")
  Map<String, Object> reboot(@RequestAttribute(VastAuthFilter.ACCOUNT) SimAccount account, @PathVariable long id) {
    service.reboot(service.require(account.userId(), id));
    return Map.of("success", true);
  }

  private static JsonNode json(@Nullable String value, String fallback, String name) {
    try {
      return JSON.readTree(value == null || value.isBlank() ? fallback : value);
    } catch (JacksonException e) {
      throw VastError.invalidArgs(name + " is not valid JSON.");
    }
  }

  private static Comparator<ObjectNode> order(JsonNode orderBy) {
    if (!orderBy.isArray() || orderBy.isEmpty()) {
      throw VastError.invalidArgs("order_by must be a list of {\"col\", \"dir\"} objects.");
    }
    Comparator<ObjectNode> result = null;
    for (JsonNode term : orderBy) {
      String col = term.path("col").asString("");
      String dir = term.path("dir").asString("asc");
      if (col.isEmpty() || !(dir.equals("asc") || dir.equals("desc"))) {
        throw VastError.invalidArgs("order_by entries need a col and a dir of asc or desc.");
      }
      Comparator<ObjectNode> by = (a, b) -> Values.ORDER.compare(a.get(col), b.get(col));
      by = dir.equals("desc") ? by.reversed() : by;
      result = result == null ? by : result.thenComparing(by);
    }
    return result;
  }
}
