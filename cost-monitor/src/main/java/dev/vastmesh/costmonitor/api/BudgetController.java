package dev.vastmesh.costmonitor.api;

import dev.vastmesh.costmonitor.budget.BudgetSpec;
import dev.vastmesh.costmonitor.budget.BudgetStatus;
import dev.vastmesh.costmonitor.monitor.CostMonitor;
import dev.vastmesh.costmonitor.store.BudgetStore;
import dev.vastmesh.events.payload.CostPeriod;
import dev.vastmesh.support.problem.FieldViolation;
import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.security.RequiresScope;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The budgets in force, readable ({@code read}) and adjustable ({@code write}); changes apply from the next sample. */
@RestController
@RequestMapping("/api/v1/budgets")
class BudgetController {

  private static final Logger log = LoggerFactory.getLogger(BudgetController.class);

  /** Budgets are metric labels: their number is bounded. */
  static final int MAX_BUDGETS = 100;

  private final BudgetStore budgets;
  private final CostMonitor monitor;
  private final Validator validator;

  BudgetController(BudgetStore budgets, CostMonitor monitor, Validator validator) {
    this.budgets = budgets;
    this.monitor = monitor;
    this.validator = validator;
  }

  record BudgetList(List<BudgetView> budgets) {
  }

  @RequiresScope("read")
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  BudgetList list() {
    Map<String, BudgetStatus> statuses = statuses();
    return new BudgetList(budgets.all().stream().map(b -> BudgetView.of(b, current(statuses, b))).toList());
  }

  @RequiresScope("read")
  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  BudgetView get(@PathVariable String id) {
    BudgetSpec budget = budgets.get(id).orElseThrow(() -> notFound(id));
    return BudgetView.of(budget, current(statuses(), budget));
  }

  @RequiresScope("write")
  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<BudgetView> put(@PathVariable String id, @RequestBody BudgetRequest request) {
    BudgetSpec budget = spec(id, request);
    if (budgets.get(id).isEmpty() && budgets.all().size() >= MAX_BUDGETS) {
      throw new Problem(HttpStatus.CONFLICT, "conflict", "Too many budgets", "at most " + MAX_BUDGETS + " budgets");
    }
    boolean created = budgets.put(budget);
    log.info("budget {} {} through the API: {} {} USD{}, action {}", id, created ? "created" : "replaced", budget.scope().wire(),
        budget.limit(), budget.burnRate() ? "/h" : " per " + budget.eventPeriod().wire(), budget.action().wire());
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(BudgetView.of(budget, null));
  }

  @RequiresScope("write")
  @DeleteMapping(path = "/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    if (!budgets.remove(id)) {
      throw notFound(id);
    }
    log.info("budget {} removed through the API", id);
    return ResponseEntity.noContent().build();
  }

  private Map<String, BudgetStatus> statuses() {
    Map<String, BudgetStatus> byId = new java.util.HashMap<>();
    monitor.status().budgets().forEach(s -> byId.put(s.budget().id(), s));
    return byId;
  }

  /** The last judgement, if it was of the budget as it is now. */
  private static @Nullable BudgetStatus current(Map<String, BudgetStatus> statuses, BudgetSpec budget) {
    BudgetStatus status = statuses.get(budget.id());
    return status != null && status.budget().equals(budget) ? status : null;
  }

  private BudgetSpec spec(String id, BudgetRequest request) {
    List<FieldViolation> violations = new ArrayList<>();
    BudgetSpec.Scope scope = parse(violations, "/scope", request.scope() == null ? "account" : request.scope(), BudgetSpec.Scope::of,
        "one of account, environment, trigger, label");
    CostPeriod period = request.period() == null ? null : parse(violations, "/period", request.period(),
        v -> CostPeriod.valueOf(v.toUpperCase(Locale.ROOT)), "one of hour, day, week, month");
    BudgetSpec.Action action = parse(violations, "/action", request.action() == null ? "alert" : request.action(), BudgetSpec.Action::of,
        "one of alert, stop_instances, destroy_instances, dry-run");
    if (request.limit() == null) {
      violations.add(FieldViolation.at("/limit", "is required"));
    }
    if (request.graceSeconds() != null && request.graceSeconds() < 0) {
      violations.add(FieldViolation.at("/grace_seconds", "must not be negative"));
    }
    if (!violations.isEmpty()) {
      throw Problem.invalidRequest(violations);
    }
    BudgetSpec budget = new BudgetSpec(id, scope, request.match(), period, Boolean.TRUE.equals(request.burnRate()), request.limit(), action,
        request.warnAt() == null ? 0.8 : request.warnAt(), Duration.ofSeconds(request.graceSeconds() == null ? 0 : request.graceSeconds()));
    for (ConstraintViolation<BudgetSpec> violation : validator.validate(budget)) {
      String property = violation.getPropertyPath().toString();
      if (property.equals("id")) {
        violations.add(FieldViolation.parameter("id", violation.getMessage()));
      } else {
        violations.add(FieldViolation.at("/" + snake(property), violation.getMessage()));
      }
    }
    if (!violations.isEmpty()) {
      violations.sort(Comparator.comparing(v -> v.pointer() == null ? "" : v.pointer()));
      throw Problem.invalidRequest(violations);
    }
    return budget;
  }

  private static String snake(String property) {
    return switch (property) {
      case "periodOrBurnRate" -> "period";
      case "matched" -> "match";
      case "graceValid" -> "grace_seconds";
      default -> property.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    };
  }

  private static <T> @Nullable T parse(List<FieldViolation> violations, String pointer, String value, java.util.function.Function<String, T> parser,
      String expected) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      violations.add(FieldViolation.at(pointer, "must be " + expected));
      return null;
    }
  }

  private static Problem notFound(String id) {
    return new Problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "no budget " + (id.length() > 64 ? id.substring(0, 64) + "..." : id));
  }
}
