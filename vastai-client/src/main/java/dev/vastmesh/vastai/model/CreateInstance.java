package dev.vastmesh.vastai.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What to rent an offer with, as {@code create instance} sends it.
 *
 * @param disk GB, at least 8
 * @param env environment variables; port and volume flags go in as keys such as {@code "-p 3000:3000"}
 * @param price a bid in $/h: set for an interruptible rental, null for on-demand
 */
public record CreateInstance(
    String image,
    double disk,
    Map<String, String> env,
    @Nullable String onstart,
    @Nullable String label,
    @Nullable Double price,
    String runtype) {

  public CreateInstance {
    if (disk < 8) {
      throw new IllegalArgumentException("disk must be at least 8 GB");
    }
    if (label != null && label.length() > 1024) {
      throw new IllegalArgumentException("label must be at most 1024 characters");
    }
    env.forEach((key, value) -> {
      if ((key + "=" + value).length() > 256) {
        throw new IllegalArgumentException("environment entry " + key + " is longer than 256 characters");
      }
    });
    env = Map.copyOf(env);
  }

  public static CreateInstance of(String image, double disk) {
    return new CreateInstance(image, disk, Map.of(), null, null, null, "ssh_direc ssh_proxy");
  }

  public CreateInstance withEnv(Map<String, String> value) {
    return new CreateInstance(image, disk, value, onstart, label, price, runtype);
  }

  public CreateInstance withOnstart(@Nullable String value) {
    return new CreateInstance(image, disk, env, value, label, price, runtype);
  }

  public CreateInstance withLabel(@Nullable String value) {
    return new CreateInstance(image, disk, env, onstart, value, price, runtype);
  }

  /** An interruptible rental at this bid ($/h). */
  public CreateInstance withBid(@Nullable Double value) {
    return new CreateInstance(image, disk, env, onstart, label, value, runtype);
  }
}
