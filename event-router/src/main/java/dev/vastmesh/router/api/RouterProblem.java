package dev.vastmesh.router.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A refused request as an RFC 9457 problem: status, stable kind, safe detail, extra members. */
final class RouterProblem extends RuntimeException {

  final HttpStatus status;
  final String kind;
  final String title;
  final Map<String, Object> properties = new LinkedHashMap<>();
  final Map<String, String> headers = new LinkedHashMap<>();

  RouterProblem(HttpStatus status, String kind, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.kind = kind;
    this.title = title;
  }

  RouterProblem property(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  RouterProblem header(String name, String value) {
    headers.put(name, value);
    return this;
  }
}
