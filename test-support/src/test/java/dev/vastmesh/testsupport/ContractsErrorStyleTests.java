package dev.vastmesh.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One error style in every contract under {@code openapi/}: the same {@code ValidationProblem}
 * and {@code Violation} schemas, word for word, and every 400 of an operation described by them.
 * The one exemption is a Vast-compatible call: under {@code /api/}, a 400 in Vast's own
 * {@code {success, error, msg}} shape ({@code VastError}) is what a client of Vast parses, so a
 * stand-in for Vast answers it and not a problem.
 */
class ContractsErrorStyleTests {

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final String VAST_COMPATIBLE_PATHS = "/api/";
  private static final String VAST_ERROR = "#/components/schemas/VastError";

  private static List<JsonNode> contracts() throws IOException {
    List<JsonNode> contracts = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("..", "openapi"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".openapi.yml")).sorted().toList()) {
        contracts.add(YAML.readTree(Files.readString(file)));
      }
    }
    return contracts;
  }

  @Test
  void everyContractHasTheSameValidationProblemSchemas() throws IOException {
    List<JsonNode> contracts = contracts();
    assertThat(contracts).hasSizeGreaterThanOrEqualTo(4);
    JsonNode first = contracts.get(0).at("/components/schemas");
    assertThat(first.at("/ValidationProblem").isObject()).isTrue();
    for (JsonNode contract : contracts) {
      String title = contract.at("/info/title").asString();
      assertThat(contract.at("/components/schemas/ValidationProblem")).as(title).isEqualTo(first.at("/ValidationProblem"));
      assertThat(contract.at("/components/schemas/Violation")).as(title).isEqualTo(first.at("/Violation"));
    }
  }

  @Test
  void every400IsAValidationProblem() throws IOException {
    for (JsonNode contract : contracts()) {
      contract.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
        JsonNode bad = operation.getValue().at("/responses/400");
        if (bad.isMissingNode()) {
          return;
        }
        JsonNode response = bad.has("$ref") ? contract.at(bad.get("$ref").asString().substring(1)) : bad;
        if (path.getKey().startsWith(VAST_COMPATIBLE_PATHS)
            && response.at("/content/application~1json/schema/$ref").asString().equals(VAST_ERROR)) {
          return;
        }
        String ref = response.at("/content/application~1problem+json/schema/$ref").asString();
        assertThat(ref).as("%s %s %s", contract.at("/info/title").asString(), operation.getKey(), path.getKey())
            .isEqualTo("#/components/schemas/ValidationProblem");
      }));
    }
  }
}
