package dev.vastmesh.worker.docs;

import dev.vastmesh.support.docs.ContractDocument;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v3/api-docs} (JSON) and {@code /v3/api-docs.yaml}: the contract file
 * {@code openapi/gpu-worker.openapi.yml}, as the other services serve theirs. The file itself is
 * also at {@code /openapi/gpu-worker.openapi.yml}, and {@code /swagger-ui.html} shows it.
 */
@RestController
class ContractController {

  static final String FILE = "gpu-worker.openapi.yml";

  private final ContractDocument contract = ContractDocument.load(FILE);

  @GetMapping("/v3/api-docs")
  ResponseEntity<byte[]> json() {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(contract.json());
  }

  @GetMapping("/v3/api-docs.yaml")
  ResponseEntity<byte[]> yaml() {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/yaml")).body(contract.yaml());
  }
}
