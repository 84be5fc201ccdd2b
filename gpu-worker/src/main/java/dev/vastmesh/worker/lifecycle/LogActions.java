package dev.vastmesh.worker.lifecycle;

import java.util.List;
import java.util.Optional;

/**
 * What a model-log line means: each line is checked for the on-load, then
 * on-error, then on-info substrings, first match wins.
 */
public record LogActions(List<String> onLoad, List<String> onError, List<String> onInfo) {

  /** What a line means. */
  public sealed interface Match {
    /** The substring that matched. */
    String matched();
  }

  public record Loaded(String matched) implements Match {
  }

  public record Failed(String matched) implements Match {
  }

  public record Info(String matched) implements Match {
  }

  public Optional<Match> match(String line) {
    for (String s : onLoad) {
      if (!s.isEmpty() && line.contains(s)) {
        return Optional.of(new Loaded(s));
      }
    }
    for (String s : onError) {
      if (!s.isEmpty() && line.contains(s)) {
        return Optional.of(new Failed(s));
      }
    }
    for (String s : onInfo) {
      if (!s.isEmpty() && line.contains(s)) {
        return Optional.of(new Info(s));
      }
    }
    return Optional.empty();
  }
}
