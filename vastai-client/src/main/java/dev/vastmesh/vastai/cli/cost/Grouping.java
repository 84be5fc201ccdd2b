package dev.vastmesh.vastai.cli.cost;

import dev.vastmesh.vastai.deploy.DeployLabel;
import dev.vastmesh.vastai.model.Instance;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What {@code cost report --by} groups charges by. What cannot be told is its own, named group,
 * never dropped: {@link #UNLABELLED}, {@link #NO_ENVIRONMENT}, {@link #UNKNOWN_GPU}.
 */
enum Grouping {
  INSTANCE, ENVIRONMENT, LABEL, GPU;

  /** Charges of an instance with no label in the charges nor on the account. */
  static final String UNLABELLED = "(unlabelled)";
  /** A label {@code vastai deploy} did not write, or one without an environment. */
  static final String NO_ENVIRONMENT = "(no environment)";
  /** An instance no longer on the account (destroyed): its GPU is not in the charges. */
  static final String UNKNOWN_GPU = "(unknown gpu)";

  static Grouping of(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--by takes instance, environment, label or gpu, not '" + value + "'");
    }
  }

  /** Whether grouping needs the account's instance list for a contract whose charges lack it. */
  boolean needsInstance(InstanceCharges charges) {
    return switch (this) {
      case INSTANCE -> false;
      case ENVIRONMENT, LABEL -> charges.label() == null && charges.instanceId() != null;
      case GPU -> charges.instanceId() != null;
    };
  }

  /** The group of one contract's charges; {@code instance} is its row on the account, if any. */
  String key(InstanceCharges charges, @Nullable Instance instance) {
    String label = label(charges, instance);
    return switch (this) {
      case INSTANCE -> charges.source();
      case LABEL -> label == null ? UNLABELLED : label;
      case ENVIRONMENT -> label == null ? UNLABELLED : DeployLabel.parse(label).map(DeployLabel::environment).orElse(NO_ENVIRONMENT);
      case GPU -> instance == null || instance.gpuName() == null ? UNKNOWN_GPU
          : (instance.numGpus() == null ? 1 : instance.numGpus()) + "x " + instance.gpuName();
    };
  }

  /** The label of the charges, else the instance's. */
  static @Nullable String label(InstanceCharges charges, @Nullable Instance instance) {
    if (charges.label() != null) {
      return charges.label();
    }
    return instance == null || instance.label() == null || instance.label().isBlank() ? null : instance.label();
  }

  String column() {
    return name().toLowerCase(Locale.ROOT);
  }
}
