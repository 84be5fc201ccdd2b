package dev.vastmesh.support.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/**
 * A configured service token, as every service's properties bind it. {@code value} is a secret:
 * never logged or exposed, hence the {@code toString}. A token with no scope could do nothing,
 * so it is refused at start-up rather than silently useless.
 */
public record Token(@NotBlank String name, @NotBlank String value, @NotEmpty List<String> scopes) {

  @Override
  public String toString() {
    return "Token[name=" + name + ", scopes=" + scopes + ", value=<redacted>]";
  }
}
