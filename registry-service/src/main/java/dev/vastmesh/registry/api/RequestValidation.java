package dev.vastmesh.registry.api;

import dev.vastmesh.support.problem.Problem;
import dev.vastmesh.support.problem.FieldViolation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
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
        .map(v -> FieldViolation.at(pointer(v), v.getMessage()))
        .sorted(Comparator.comparing(FieldViolation::pointer))
        .toList();
    if (!violations.isEmpty()) {
      throw Problem.invalidRequest(violations);
    }
  }

  /** Where the bad value is in the JSON body: property names in snake_case, indexes and map keys. */
  private static String pointer(ConstraintViolation<?> violation) {
    List<String> tokens = new ArrayList<>();
    for (Path.Node node : violation.getPropertyPath()) {
      String name = node.getName();
      if (name != null && !name.startsWith("<")) {
        tokens.add(snakeCase(name));
      }
      if (node.getIndex() != null) {
        tokens.add(node.getIndex().toString());
      } else if (node.getKey() != null) {
        tokens.add(node.getKey().toString());
      }
    }
    return FieldViolation.pointerOf(tokens);
  }

  static String snakeCase(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }
}
