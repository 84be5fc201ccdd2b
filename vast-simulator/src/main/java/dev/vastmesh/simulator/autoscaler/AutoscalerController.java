package dev.vastmesh.simulator.autoscaler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The serverless autoscaler's side of Vast's worker protocol, for the workers the simulator
 * starts (their {@code REPORT_ADDR}): the public key, the workers' status reports and finished
 * requests, and {@code /route/}, which hands a client a ready worker's URL with a signature the
 * worker checks. Reports must carry the run's {@code MASTER_TOKEN}.
 */
@RestController
class AutoscalerController {

  private final AutoscalerKey key;
  private final Workers workers;
  private final ReportAddress address;
  private final AtomicLong reqnum = new AtomicLong();

  AutoscalerController(AutoscalerKey key, Workers workers, ReportAddress address) {
    this.key = key;
    this.workers = workers;
    this.address = address;
  }

  @GetMapping(value = "/pubkey/", produces = MediaType.TEXT_PLAIN_VALUE)
  String pubkey() {
    return key.publicPem();
  }

  @PostMapping("/worker_status/")
  ResponseEntity<Map<String, Object>> workerStatus(@RequestBody JsonNode body) {
    if (!body.path("id").canConvertToLong() || !address.accepts(body.path("mtoken").asString(""))) {
      return ResponseEntity.status(401).body(Map.of("error", "unknown worker or mtoken"));
    }
    workers.report(new Workers.Status(body.get("id").longValue(), body.path("url").asString(""), body.path("loadtime").asDouble(0),
        body.path("cur_load").asDouble(0), body.path("error_msg").asString(""), workers.now()));
    return ResponseEntity.ok(Map.of("success", true));
  }

  @PostMapping("/delete_requests/")
  ResponseEntity<Map<String, Object>> deleteRequests(@RequestBody JsonNode body) {
    if (!address.accepts(body.path("mtoken").asString(""))) {
      return ResponseEntity.status(401).body(Map.of("error", "unknown worker or mtoken"));
    }
    long worker = body.path("worker_id").asLong();
    for (JsonNode request : body.path("requests")) {
      workers.finished(new Workers.Finished(worker, request.path("request_idx").asLong(), request.path("success").asBoolean()));
    }
    // The older form: request_idxs and one success flag.
    for (JsonNode idx : body.path("request_idxs")) {
      workers.finished(new Workers.Finished(worker, idx.asLong(), body.path("success").asBoolean()));
    }
    return ResponseEntity.ok(Map.of("success", true));
  }

  /** A ready worker for the client's request, signed; without one, no {@code url} (the client polls again). */
  @PostMapping("/route/")
  Map<String, @Nullable Object> route(@RequestBody JsonNode body) {
    Map<String, @Nullable Object> answer = new LinkedHashMap<>();
    answer.put("endpoint", body.path("endpoint").asString(""));
    answer.put("cost", body.path("cost").asDouble(100.0));
    answer.put("request_idx", body.path("request_idx").canConvertToLong() ? body.get("request_idx").longValue() : reqnum.get() + 1);
    var worker = workers.ready();
    if (worker.isEmpty()) {
      answer.put("status", "no workers ready");
      return answer;
    }
    String url = worker.get().url();
    answer.put("url", url);
    answer.put("reqnum", reqnum.incrementAndGet());
    answer.put("signature", key.signUrl(url));
    answer.put("__request_id", UUID.randomUUID().toString());
    return answer;
  }
}
