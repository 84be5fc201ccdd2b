package dev.vastmesh.support.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(classes = ContractDocsTests.App.class, properties = "vastmesh.openapi.contract=sample.openapi.yml")
@AutoConfigureMockMvc
class ContractDocsTests {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
  }

  @Autowired
  MockMvc mvc;

  @Test
  void apiDocsServeTheContractFileAsJsonAndAsItIs() throws Exception {
    mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("application/json"))
        .andExpect(jsonPath("$.openapi").value("3.1.0"))
        .andExpect(jsonPath("$.info.title").value("sample"));
    String yaml = mvc.perform(get("/v3/api-docs.yaml")).andExpect(status().isOk())
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(yaml).isEqualTo(new String(ContractDocument.load("sample.openapi.yml").yaml(), StandardCharsets.UTF_8))
        .startsWith("openapi: 3.1.0");
  }

  @Test
  void onlyReadsOfTheTwoPathsAreAnswered() throws Exception {
    mvc.perform(post("/v3/api-docs")).andExpect(status().is4xxClientError());
    mvc.perform(get("/v3/api-docs/other")).andExpect(status().isNotFound());
  }

  @Test
  void aServiceNamingAContractItDidNotPackageDoesNotStart() {
    new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(ContractDocsAutoConfiguration.class))
        .withPropertyValues("vastmesh.openapi.contract=missing.openapi.yml")
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("missing.openapi.yml"));
    new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(ContractDocsAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(ContractDocsFilter.class));
  }
}
