package dev.vastmesh.examples.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every component under {@code templates/} against GitLab's rules for {@code spec:inputs}: the
 * keys and types GitLab knows, defaults of the declared type, options that hold the default,
 * regexes RE2 accepts (GitLab runs them untrusted, without look-around or back-references) that
 * the default matches, every placeholder declared and every declaration used. Then the deploy
 * component rendered with its defaults: the jobs it promises, wired to each other.
 */
class GitlabComponentStructureTests {

  static final Set<String> INPUT_KEYS = Set.of("type", "default", "description", "options", "regex", "rules");
  static final Set<String> TYPES = Set.of("string", "number", "boolean", "array");
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  /** What RE2 refuses and Java would take: look-around, back-references, possessive and atomic groups. */
  static final Pattern NOT_RE2 = Pattern.compile("\\(\\?[=!<>]|\\(\\?<[=!]|\\\\[1-9]|\\\\k<|[*+?}]\\+");

  static Stream<Path> components() throws IOException {
    try (Stream<Path> files = Files.list(GitlabComponent.TEMPLATES)) {
      return files.map(dir -> dir.resolve("template.yml")).filter(Files::isRegularFile).toList().stream();
    }
  }

  @Test
  void theDeployComponentIsWhereTheCatalogLooksForIt() throws IOException {
    assertThat(components()).contains(GitlabComponent.TEMPLATES.resolve("vastai-deploy/template.yml"));
  }

  @ParameterizedTest
  @MethodSource("components")
  void everyInputFollowsGitlabsRules(Path file) throws IOException {
    GitlabComponent component = GitlabComponent.read(file);
    assertThat(component.spec().properties()).extracting(Map.Entry::getKey).containsExactly("spec");
    assertThat(component.inputs()).isNotEmpty();
    List<String> problems = new ArrayList<>();
    component.inputs().forEach((name, input) -> problems.addAll(problems(name, input)));
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("components")
  void everyPlaceholderIsDeclaredAndEveryDeclaredInputIsUsed(Path file) throws IOException {
    GitlabComponent component = GitlabComponent.read(file);

    assertThat(component.used()).as("placeholders").containsExactlyInAnyOrderElementsOf(component.inputs().keySet());
    assertThat(component.body().replaceAll(GitlabComponent.PLACEHOLDER.pattern(), ""))
        .as("a placeholder GitLab would not read").doesNotContain("$[[");
  }

  @Test
  void placeholdersAreReadAsGitlabReadsThem(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("template.yml");
    Files.writeString(file, """
        spec:
          inputs:
            declared: {description: d}
            stage: {description: d}
        ---
        "$[[ inputs.job ]]-deploy":
          stage: $[[inputs.stage]]
          script: echo '$[[ inputs.stage | expand_vars ]]'
        """);

    GitlabComponent component = GitlabComponent.read(file);

    assertThat(component.inputs()).containsOnlyKeys("declared", "stage");
    assertThat(component.used()).containsExactly("job", "stage");
    assertThat(component.render(Map.of("job", "vastai", "stage", "deploy")).path("vastai-deploy").path("script").asString())
        .isEqualTo("echo 'deploy'");
  }

  @ParameterizedTest
  @MethodSource("components")
  void theReadmeDocumentsEveryInput(Path file) throws IOException {
    String readme = Files.readString(GitlabComponent.TEMPLATES.resolve("README.md"));

    assertThat(GitlabComponent.read(file).inputs().keySet()).allSatisfy(name -> assertThat(readme).contains("| `" + name + "` |"));
  }

  @Test
  void theDeployComponentRendersToItsJobsWiredToEachOther() throws IOException {
    JsonNode jobs = deployRenderedWithDefaults();

    assertThat(jobs.properties()).extracting(Map.Entry::getKey)
        .contains("vastai-deploy", "vastai-verify", "vastai-teardown", "vastai-cost-report");
    JsonNode deploy = jobs.path("vastai-deploy");
    assertThat(deploy.path("resource_group").asString()).isEqualTo("vastai-dev");
    assertThat(deploy.path("environment").path("on_stop").asString()).isEqualTo("vastai-teardown");
    assertThat(deploy.path("artifacts").path("reports").path("dotenv").asString()).isEqualTo("vastai-deploy.env");
    assertThat(deploy.path("artifacts").path("paths").toString()).contains("vastai-deploy.json");
    assertThat(deploy.path("script").toString()).contains("--idempotency-key").contains("--dotenv vastai-deploy.env");
    assertThat(deploy.path("variables").path("VASTAI_IDEMPOTENCY_KEY").asString()).isEqualTo("$CI_PIPELINE_ID");
    JsonNode teardown = jobs.path("vastai-teardown");
    assertThat(teardown.path("when").asString()).isEqualTo("manual");
    assertThat(teardown.path("environment").path("action").asString()).isEqualTo("stop");
    assertThat(teardown.path("environment").path("name").asString()).isEqualTo(deploy.path("environment").path("name").asString());
    assertThat(teardown.path("script").toString()).contains("destroy instance").contains("--if-exists");
    for (String job : List.of("vastai-verify", "vastai-teardown", "vastai-cost-report")) {
      assertThat(jobs.path(job).path("needs").toString()).as(job).contains("vastai-deploy");
    }
  }

  @Test
  void noScriptPrintsWhatItRuns() throws IOException {
    JsonNode jobs = deployRenderedWithDefaults();

    jobs.properties().stream().filter(job -> !job.getKey().startsWith(".")).forEach(job -> {
      List<String> blocks = new ArrayList<>();
      Stream.of("before_script", "script").flatMap(key -> flatten(job.getValue().path(key)).stream())
          .filter(block -> block.contains("\n")).forEach(blocks::add);
      assertThat(blocks).as(job.getKey()).isNotEmpty().allSatisfy(block -> assertThat(block).startsWith("set +x\n"));
    });
  }

  @Test
  void theRulesFindWhatGitlabWouldRefuse() {
    assertThat(problems("ok", yaml("{type: number, default: 3, description: d}"))).isEmpty();
    assertThat(problems("a b", yaml("{description: d}"))).singleElement().asString().contains("not a valid input name");
    assertThat(problems("x", yaml("{type: list, description: d}"))).singleElement().asString().contains("unknown type list");
    assertThat(problems("x", yaml("{typ: string, description: d}"))).singleElement().asString().contains("unknown key typ");
    assertThat(problems("x", yaml("{type: number, default: '3', description: d}"))).singleElement().asString().contains("is not a number");
    assertThat(problems("x", yaml("{type: boolean, default: 'true', description: d}"))).singleElement().asString().contains("is not a boolean");
    assertThat(problems("x", yaml("{default: prod2, options: [dev, prod], description: d}"))).singleElement().asString()
        .contains("not one of its options");
    assertThat(problems("x", yaml("{default: 'abc', regex: '^[0-9]+$', description: d}"))).singleElement().asString()
        .contains("does not match");
    assertThat(problems("x", yaml("{default: '1', regex: '^(?=1)[0-9]$', description: d}"))).singleElement().asString()
        .contains("RE2");
    assertThat(problems("x", yaml("{type: number, default: 1, regex: '^1$', description: d}"))).singleElement().asString()
        .contains("string inputs only");
    assertThat(problems("x", yaml("{default: a}"))).singleElement().asString().contains("no description");
  }

  /** The deploy component with its defaults and a value for each input it requires. */
  static JsonNode deployRenderedWithDefaults() throws IOException {
    GitlabComponent component = GitlabComponent.read(GitlabComponent.TEMPLATES.resolve("vastai-deploy/template.yml"));
    Map<String, Object> values = defaults(component);
    values.put("vastai-jar-url", "https://gitlab.example.com/api/v4/projects/1/packages/generic/vastai/0.1.0/vastai.jar");
    values.put("vastai-jar-sha256", "0".repeat(64));
    values.put("registry-url", "https://mesh.example.com");
    return component.render(values);
  }

  static JsonNode yaml(String text) {
    return GitlabComponent.YAML.readTree(text);
  }

  static List<String> problems(String name, JsonNode input) {
    List<String> problems = new ArrayList<>();
    if (!NAME.matcher(name).matches()) {
      problems.add(name + ": not a valid input name");
    }
    input.properties().stream().map(Map.Entry::getKey).filter(key -> !INPUT_KEYS.contains(key))
        .forEach(key -> problems.add(name + ": unknown key " + key));
    String type = input.path("type").asString("string");
    if (!TYPES.contains(type)) {
      problems.add(name + ": unknown type " + type);
    }
    if (input.path("description").asString("").isBlank()) {
      problems.add(name + ": no description");
    }
    JsonNode value = input.get("default");
    if (value != null && !ofType(value, type)) {
      problems.add(name + ": default " + value + " is not a " + type);
    }
    if (input.has("options")) {
      JsonNode options = input.get("options");
      if (!options.isArray() || options.isEmpty() || options.size() > 50 || !type.equals("string") && !type.equals("number")) {
        problems.add(name + ": options must be 1 to 50 values of a string or number input");
      } else if (value != null && !options.valueStream().map(JsonNode::asString).toList().contains(value.asString())) {
        problems.add(name + ": default " + value + " is not one of its options");
      }
    }
    if (input.has("regex")) {
      String regex = input.get("regex").asString();
      if (!type.equals("string")) {
        problems.add(name + ": regex is for string inputs only");
      }
      if (NOT_RE2.matcher(regex).find()) {
        problems.add(name + ": regex uses what RE2 does not have: " + regex);
      }
      try {
        if (value != null && !Pattern.compile(regex).matcher(value.asString()).find()) {
          problems.add(name + ": default '" + value.asString() + "' does not match " + regex);
        }
      } catch (PatternSyntaxException e) {
        problems.add(name + ": invalid regex " + regex);
      }
    }
    return problems;
  }

  static boolean ofType(JsonNode value, String type) {
    return switch (type) {
      case "string" -> value.isString();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      case "array" -> value.isArray();
      default -> false;
    };
  }

  /** Each input's default, typed as GitLab puts it in place. */
  static Map<String, Object> defaults(GitlabComponent component) {
    Map<String, Object> values = new HashMap<>();
    component.inputs().forEach((name, input) -> {
      JsonNode value = input.get("default");
      if (value != null) {
        values.put(name, EndToEnd.JSON.treeToValue(value, Object.class));
      }
    });
    return values;
  }

  static List<String> flatten(JsonNode node) {
    List<String> lines = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(item -> lines.addAll(flatten(item)));
    } else if (node.isString()) {
      lines.add(node.asString());
    }
    return lines;
  }
}
