package dev.vastmesh.registry.api;

import dev.vastmesh.registry.config.RegistryProperties;
import dev.vastmesh.registry.instance.Authority;
import dev.vastmesh.registry.instance.InstancePage;
import dev.vastmesh.registry.instance.InstanceQuery;
import dev.vastmesh.registry.instance.InstanceStatus;
import dev.vastmesh.registry.instance.RegisteredInstance;
import dev.vastmesh.registry.registration.HeartbeatRequest;
import dev.vastmesh.registry.registration.Patterns;
import dev.vastmesh.registry.registration.RegistrationRequest;
import dev.vastmesh.registry.registration.RegistryService;
import dev.vastmesh.registry.enrollment.EnrollmentService;
import dev.vastmesh.registry.security.Caller;
import dev.vastmesh.registry.security.CallerResolver;
import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.security.RequiresScope;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The registry API, at {@value #BASE}. Contract: openapi/vastai-registry.openapi.yml. */
@RestController
@RequestMapping(RegistryController.BASE)
class RegistryController {

  static final String BASE = "/api/v1/vastai/registry";
  static final String INDEX_HEADER = "X-Vastmesh-Index";

  private final RegistryService registry;
  private final RequestValidation validation;
  private final RegistryProperties properties;
  private final CallerResolver callers;
  private final EnrollmentService enrollments;

  RegistryController(RegistryService registry, RequestValidation validation, RegistryProperties properties,
      CallerResolver callers, EnrollmentService enrollments) {
    this.registry = registry;
    this.enrollments = enrollments;
    this.callers = callers;
    this.validation = validation;
    this.properties = properties;
  }

  @RequiresScope("register")
  @PostMapping(path = "/register", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RegistrationResponse> register(@RequestBody RegistrationRequest request, HttpServletRequest http) {
    validation.check(request);
    RegistryService.Registered registered = switch (callers.resolve(http.getHeader(HttpHeaders.AUTHORIZATION))) {
      case Caller.Enrollment enrollment ->
          registry.register(request, () -> enrollments.admit(enrollment.tokenHash(), request.instanceId()));
      default -> registry.register(request);
    };
    RegistrationResponse body = new RegistrationResponse(registered.instance(), registered.instanceToken());
    if (registered.created()) {
      return ResponseEntity.created(URI.create(BASE + "/" + registered.instance().instanceId())).body(body);
    }
    return ResponseEntity.ok(body);
  }

  @RequiresScope("read")
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<InstanceList> list(@RequestParam(required = false) @Nullable String environment,
      @RequestParam(name = "trigger_id", required = false) @Nullable String triggerId,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable List<String> capabilities,
      @RequestParam(name = "gpu_type", required = false) @Nullable String gpuType,
      @RequestParam(name = "label", required = false) @Nullable List<String> labels,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(required = false) @Nullable Long index,
      @RequestParam(required = false) @Nullable String wait) throws InterruptedException {
    InstanceQuery query = new InstanceQuery(environment, triggerId, statusOf(status), splitAll(capabilities), gpuType,
        labelSelector(labels), cursor == null ? Long.MIN_VALUE : Cursor.decode(cursor), limitOf(limit),
        registry.now(), registry.includeExpired());
    if (index != null) {
      if (index < 0) {
        throw Problem.invalidParameter("index", "must be 0 or more");
      }
      Duration max = properties.watch().maxWait();
      Duration requested = wait == null ? properties.watch().defaultWait() : WaitDuration.parse(wait, max);
      // Consul adds up to wait/16 of jitter so that watchers woken together do not return together.
      long jitter = ThreadLocalRandom.current().nextLong(requested.toMillis() / 16 + 1);
      registry.awaitChangeAfter(index, requested.plusMillis(jitter));
      query = new InstanceQuery(query.environment(), query.triggerId(), query.status(), query.capabilities(),
          query.gpuType(), query.labels(), query.after(), query.limit(), registry.now(), registry.includeExpired());
    } else if (wait != null) {
      throw Problem.invalidParameter("wait", "only applies to a watch: pass index as well");
    }
    InstancePage page = registry.list(query);
    List<RegisteredInstance> instances = page.instances();
    String next = page.hasMore() ? Cursor.after(instances.getLast().instanceId()) : null;
    return ResponseEntity.ok().header(INDEX_HEADER, Long.toString(page.index()))
        .body(new InstanceList(instances, instances.size(), next, page.index()));
  }

  @RequiresScope("read")
  @GetMapping(path = "/{instanceId}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RegisteredInstance> get(@PathVariable long instanceId) {
    return ResponseEntity.ok().header(INDEX_HEADER, Long.toString(registry.index())).body(registry.get(instanceId));
  }

  @RequiresScope(value = "write", owner = "instanceId")
  @DeleteMapping(path = "/{instanceId}")
  ResponseEntity<Void> deregister(@PathVariable long instanceId, HttpServletRequest http) {
    registry.deregister(instanceId, authority(http));
    return ResponseEntity.noContent().build();
  }

  @RequiresScope(value = "write", owner = "instanceId")
  @PostMapping(path = "/{instanceId}/heartbeat", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RegisteredInstance> heartbeat(@PathVariable long instanceId,
      @RequestBody(required = false) @Nullable HeartbeatRequest request, HttpServletRequest http) {
    HeartbeatRequest heartbeat = request == null ? new HeartbeatRequest(null, null, null, null, null) : request;
    validation.check(heartbeat);
    return ResponseEntity.status(HttpStatus.OK).body(registry.heartbeat(instanceId, authority(http), heartbeat));
  }

  /** Read from the header rather than bound as a parameter, so the served API document lists no header. */
  private Authority authority(HttpServletRequest http) {
    return callers.authority(http.getHeader(HttpHeaders.AUTHORIZATION));
  }

  private int limitOf(@Nullable Integer limit) {
    int max = properties.listing().maxLimit();
    if (limit == null) {
      return Math.min(properties.listing().defaultLimit(), max);
    }
    if (limit < 1 || limit > max) {
      throw Problem.invalidParameter("limit", "must be between 1 and " + max);
    }
    return limit;
  }

  private static @Nullable InstanceStatus statusOf(@Nullable String status) {
    if (status == null) {
      return null;
    }
    return InstanceStatus.fromWire(status).orElseThrow(() -> Problem.invalidParameter("status", Patterns.STATUS_MESSAGE));
  }

  /** Accepts both {@code capabilities=a&capabilities=b} and {@code capabilities=a,b}. */
  private static List<String> splitAll(@Nullable List<String> values) {
    if (values == null) {
      return List.of();
    }
    return values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** {@code label=key=value} requires that value; {@code label=key} requires the key to exist. */
  private static Map<String, @Nullable String> labelSelector(@Nullable List<String> selectors) {
    Map<String, @Nullable String> labels = new LinkedHashMap<>();
    if (selectors == null) {
      return labels;
    }
    for (String selector : selectors) {
      int equals = selector.indexOf('=');
      String key = equals < 0 ? selector : selector.substring(0, equals);
      if (!key.matches(Patterns.LABEL_KEY)) {
        throw Problem.invalidParameter("label", "selectors are key or key=value, with " + Patterns.LABEL_KEY_MESSAGE);
      }
      labels.put(key, equals < 0 ? null : selector.substring(equals + 1));
    }
    return labels;
  }
}
