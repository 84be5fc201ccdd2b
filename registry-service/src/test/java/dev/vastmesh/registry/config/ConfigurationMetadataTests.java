package dev.vastmesh.registry.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The build writes metadata for the vastmesh.registry.* properties, so IDEs complete and document them. */
class ConfigurationMetadataTests {

  @Test
  void everyRegistryPropertyHasMetadataWithItsDescription() throws Exception {
    // Every jar on the class path has its own file; ours is the one with our properties.
    Map<String, JsonNode> properties = new HashMap<>();
    for (URL file : Collections.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = file.openStream()) {
        JsonMapper.builder().build().readTree(in).get("properties")
            .forEach(property -> properties.put(property.get("name").asString(), property));
      }
    }
    assertThat(properties).containsKeys("vastmesh.registry.state", "vastmesh.registry.ttl.default-ttl",
        "vastmesh.registry.security.anonymous-read", "vastmesh.registry.security.tokens");
    assertThat(properties.get("vastmesh.registry.state").get("type").asString()).isEqualTo("dev.vastmesh.support.config.StateMode");
    assertThat(properties.get("vastmesh.registry.ttl.default-ttl").path("description").asString())
        .contains("TTL when it registers without");
  }
}
