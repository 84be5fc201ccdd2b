package dev.vastmesh.vastai.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeployLabelTests {

  @Test
  void theEnvironmentFollowsTheKey() {
    assertThat(new DeployLabel("pipeline-9", "prod").text()).isEqualTo("vastmesh-deploy:pipeline-9;env=prod");
    assertThat(new DeployLabel("pipeline-9", null).text()).isEqualTo("vastmesh-deploy:pipeline-9");
    assertThat(new DeployLabel("", "staging").text()).isEqualTo("vastmesh-deploy:;env=staging");
  }

  @Test
  void labelsReadBack() {
    assertThat(DeployLabel.parse("vastmesh-deploy:pipeline-9;env=prod")).contains(new DeployLabel("pipeline-9", "prod"));
    assertThat(DeployLabel.parse("vastmesh-deploy:pipeline-42")).contains(new DeployLabel("pipeline-42", null));
    assertThat(DeployLabel.parse("vastmesh-deploy:;env=staging")).contains(new DeployLabel("", "staging"));
    assertThat(DeployLabel.parse("vastmesh-deploy:;env=")).contains(new DeployLabel("", null));
  }

  @Test
  void otherLabelsAreNotDeployments() {
    assertThat(DeployLabel.parse(null)).isEmpty();
    assertThat(DeployLabel.parse("my jupyter box")).isEmpty();
    assertThat(DeployLabel.parse("x vastmesh-deploy:1")).isEmpty();
  }

  @Test
  void aKeyCannotForgeAnEnvironment() {
    assertThatThrownBy(() -> new DeployLabel("p;env=prod", null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theRequestLabelsWithTheKeyOrTheEnvironment() {
    var search = dev.vastmesh.vastai.search.OfferSearch.parse("");
    var instance = dev.vastmesh.vastai.model.CreateInstance.of("img", 10).withLabel("mine");
    java.time.Duration d = java.time.Duration.ofSeconds(1);
    assertThat(new DeployRequest(search, 1, instance, 1, d, d, d, null, null).instanceLabel()).isEqualTo("mine");
    assertThat(new DeployRequest(search, 1, instance, 1, d, d, d, null, null, "prod").instanceLabel()).isEqualTo("vastmesh-deploy:;env=prod");
    assertThat(new DeployRequest(search, 1, instance, 1, d, d, d, null, null, "prod").idempotencyLabel()).isNull();
    assertThat(new DeployRequest(search, 1, instance, 1, d, d, d, "p1", null, "prod").idempotencyLabel()).isEqualTo("vastmesh-deploy:p1;env=prod");
  }
}
