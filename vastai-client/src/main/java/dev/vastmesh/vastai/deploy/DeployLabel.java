package dev.vastmesh.vastai.deploy;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The label {@code vastai deploy} gives an instance: {@code vastmesh-deploy:<key>}, followed by
 * {@code ;env=<environment>} when the deployment names one. The key (the idempotency key, e.g. the
 * pipeline id) may be empty. Whatever reads the account's instances or charges (the cost report,
 * the cost monitor) finds a deployment's environment here; a label without the prefix is not one
 * of ours.
 *
 * @param key the idempotency key; empty when the deployment has none
 * @param environment e.g. {@code prod}; null when not given
 */
public record DeployLabel(String key, @Nullable String environment) {

  public static final String PREFIX = "vastmesh-deploy:";
  private static final String ENVIRONMENT = ";env=";

  public DeployLabel {
    if (key.contains(ENVIRONMENT)) {
      throw new IllegalArgumentException("the idempotency key must not contain '" + ENVIRONMENT + "'");
    }
    if (environment != null && environment.isBlank()) {
      environment = null;
    }
  }

  /** The label as written on the instance. */
  public String text() {
    return PREFIX + key + (environment == null ? "" : ENVIRONMENT + environment);
  }

  /** The deployment a label names; empty for a label that {@code vastai deploy} did not write. */
  public static Optional<DeployLabel> parse(@Nullable String label) {
    if (label == null || !label.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = label.substring(PREFIX.length());
    int env = rest.lastIndexOf(ENVIRONMENT);
    if (env < 0) {
      return Optional.of(new DeployLabel(rest, null));
    }
    return Optional.of(new DeployLabel(rest.substring(0, env), rest.substring(env + ENVIRONMENT.length())));
  }
}
