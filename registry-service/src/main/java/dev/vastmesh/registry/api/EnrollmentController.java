package dev.vastmesh.registry.api;

import dev.vastmesh.registry.enrollment.EnrollmentService;
import dev.vastmesh.registry.enrollment.MintRequest;
import dev.vastmesh.registry.enrollment.MintedToken;
import dev.vastmesh.registry.security.Caller;
import dev.vastmesh.registry.security.CallerResolver;
import dev.vastmesh.support.security.RequiresScope;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Mints one-time enrollment tokens, at {@value RegistryController#BASE}/enrollment-tokens. */
@RestController
@RequestMapping(RegistryController.BASE)
class EnrollmentController {

  private final EnrollmentService enrollments;
  private final RequestValidation validation;
  private final CallerResolver callers;

  EnrollmentController(EnrollmentService enrollments, RequestValidation validation, CallerResolver callers) {
    this.enrollments = enrollments;
    this.validation = validation;
    this.callers = callers;
  }

  @RequiresScope("enroll")
  @PostMapping(path = "/enrollment-tokens", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<MintedToken> mint(@RequestBody(required = false) @Nullable MintRequest request, HttpServletRequest http) {
    MintRequest mint = request == null ? MintRequest.empty() : request;
    validation.check(mint);
    // The check passed, so the caller is a service token with the enroll scope.
    String issuer = callers.resolve(http.getHeader(HttpHeaders.AUTHORIZATION)) instanceof Caller.Service service
        ? service.name() : "unknown";
    return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
        .body(enrollments.mint(mint, issuer));
  }
}
