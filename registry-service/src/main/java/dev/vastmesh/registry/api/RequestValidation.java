package dev.vastmesh.registry.api;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.FieldViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** Bean Validation of request bodies, reporting every bad field by its JSON name. */
@Component
class RequestValidation {

  private final Validator validator;

  RequestValidation(Validator validator) {
    this.validator = validator;
  }

  void check(Object request) {
    List<FieldViolation> violations = validator.validate(request).stream()
        .map(v -> new FieldViolation(jsonPath(v), v.getMessage()))
        .sorted(Comparator.comparing(FieldViolation::field))
        .toList();
    if (!violations.isEmpty()) {
      throw Problem.invalidRequest(violations);
    }
  }

  private static String jsonPath(ConstraintViolation<?> violation) {
    StringBuilder path = new StringBuilder();
    for (Path.Node node : violation.getPropertyPath()) {
      String name = node.getName();
      if (name != null && !name.startsWith("<")) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(snakeCase(name));
      }
      if (node.getIndex() != null) {
        path.append('[').append(node.getIndex()).append(']');
      } else if (node.getKey() != null) {
        path.append('[').append(node.getKey()).append(']');
      }
    }
    return path.toString();
  }

  static String snakeCase(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }
}
