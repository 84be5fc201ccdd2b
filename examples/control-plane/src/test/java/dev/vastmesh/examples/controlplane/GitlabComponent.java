package dev.vastmesh.examples.controlplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A GitLab CI/CD component file as GitLab reads it: the {@code spec:} header, a {@code ---} line,
 * and the configuration whose {@code $[[ inputs.name ]]} placeholders the inputs fill.
 */
record GitlabComponent(Path file, JsonNode spec, String body) {

  static final YAMLMapper YAML = YAMLMapper.builder().build();
  /** {@code $[[ inputs.name ]]}, optionally with functions ({@code | expand_vars}). */
  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\[\\[\\s*inputs\\.([A-Za-z0-9_-]+)\\s*(?:\\|[^\\]]*)?\\]\\]");
  static final Path TEMPLATES = EndToEnd.REPO.resolve("templates");

  static GitlabComponent read(Path file) throws IOException {
    String text = Files.readString(file);
    Matcher separator = Pattern.compile("(?m)^---\\s*$").matcher(text);
    if (!separator.find()) {
      throw new IllegalArgumentException(file + ": no --- line between the spec header and the configuration");
    }
    return new GitlabComponent(file, YAML.readTree(text.substring(0, separator.start())), text.substring(separator.end()));
  }

  /** The declared inputs, by name, in order. */
  Map<String, JsonNode> inputs() {
    Map<String, JsonNode> inputs = new LinkedHashMap<>();
    spec.path("spec").path("inputs").properties().forEach(e -> inputs.put(e.getKey(), e.getValue()));
    return inputs;
  }

  /** The names every placeholder of the configuration refers to. */
  Set<String> used() {
    Set<String> used = new LinkedHashSet<>();
    Matcher placeholder = PLACEHOLDER.matcher(body);
    while (placeholder.find()) {
      used.add(placeholder.group(1));
    }
    return used;
  }

  /**
   * The configuration with the inputs' values put in, as GitLab does it: a scalar that is one
   * placeholder becomes the value itself (a number, a list), a placeholder within text becomes
   * text. Parsed with anchors resolved, so a job reads as GitLab sees it.
   */
  JsonNode render(Map<String, Object> values) {
    Object tree = new Load(LoadSettings.builder().build()).loadFromString(body);
    return EndToEnd.JSON.valueToTree(fill(tree, values));
  }

  private static Object fill(Object node, Map<String, Object> values) {
    return switch (node) {
      case Map<?, ?> map -> {
        Map<String, Object> filled = new LinkedHashMap<>();
        map.forEach((key, value) -> filled.put(text(String.valueOf(key), values), fill(value, values)));
        yield filled;
      }
      case java.util.List<?> list -> list.stream().map(item -> fill(item, values)).toList();
      case String text -> {
        Matcher whole = PLACEHOLDER.matcher(text);
        yield whole.matches() ? value(whole.group(1), values) : text(text, values);
      }
      default -> node;
    };
  }

  private static String text(String text, Map<String, Object> values) {
    return PLACEHOLDER.matcher(text).replaceAll(placeholder -> Matcher.quoteReplacement(String.valueOf(value(placeholder.group(1), values))));
  }

  private static Object value(String name, Map<String, Object> values) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException("no value for input " + name);
    }
    return values.get(name);
  }
}
