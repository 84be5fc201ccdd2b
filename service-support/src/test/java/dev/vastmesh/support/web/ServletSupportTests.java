package dev.vastmesh.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.vastmesh.support.problem.Problem;
import io.lettuce.core.RedisCommandTimeoutException;
import dev.vastmesh.support.security.RequiresScope;
import dev.vastmesh.support.security.ScopeCheck;
import dev.vastmesh.support.security.ServiceTokens;
import dev.vastmesh.support.security.Token;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The advice, the size filter and the scope check, in a servlet application of their own. */
@SpringBootTest(classes = ServletSupportTests.App.class)
@AutoConfigureMockMvc
class ServletSupportTests {

  enum Scope { READ, ADMIN }

  record Body(long instanceId) {
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    ServiceTokens<Scope> tokens() {
      return new ServiceTokens<>(Scope.class, List.of(new Token("reader", "read-secret", List.of("read"))),
          "test", "vastmesh.test.tokens", "vmx_", Scope.ADMIN);
    }

    @Bean
    ScopeCheck scopeCheck(ServiceTokens<Scope> tokens) {
      return ScopeCheck.bearer(tokens, Scope.ADMIN);
    }

    @Bean
    RequestSizeLimitFilter sizeLimit() {
      return new RequestSizeLimitFilter(64);
    }

    @Bean
    Controller controller() {
      return new Controller();
    }
  }

  @RestController
  static class Controller {
    @RequiresScope("read")
    @GetMapping("/things/{id}")
    Map<String, Object> thing(@PathVariable long id) {
      return Map.of("id", id);
    }

    @RequiresScope("admin")
    @PostMapping(path = "/things", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> create(@RequestBody Body body) {
      return Map.of("id", body.instanceId());
    }

    @PostMapping(path = "/open", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> open(@RequestBody Body body) {
      return Map.of("id", body.instanceId());
    }

    @PostMapping("/raw")
    Map<String, Object> raw(HttpServletRequest request) throws IOException {
      return Map.of("length", CappedBody.read(request, 8).length);
    }

    @GetMapping("/refused")
    Map<String, Object> refused() {
      throw new Problem(HttpStatus.SERVICE_UNAVAILABLE, "router-unavailable", "Router unavailable", "retry later")
          .header("Retry-After", "5").property("attempts", 3);
    }

    @GetMapping("/store-down")
    Map<String, Object> storeDown() {
      throw new DataAccessResourceFailureException("Unable to connect to 10.1.2.3:6379");
    }

    @GetMapping("/redis-down")
    Map<String, Object> redisDown() {
      throw new RedisCommandTimeoutException("Command timed out after 2 second(s)");
    }

    @GetMapping("/broken")
    Map<String, Object> broken() {
      throw new IllegalStateException("secret internals");
    }
  }

  @Autowired
  MockMvc mvc;

  @Test
  void scopesAreCheckedBeforeTheHandlerWith401And403Problems() throws Exception {
    mvc.perform(get("/things/1")).andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"vastmesh-test\""))
        .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/unauthenticated"));
    mvc.perform(get("/things/1").header("Authorization", "Bearer wrong")).andExpect(status().isUnauthorized());
    mvc.perform(get("/things/1").header("Authorization", "Bearer read-secret")).andExpect(status().isOk())
        .andExpect(jsonPath("$.id").value(1));
    // The scope is checked before the body is read: a malformed body does not tell an outsider anything.
    mvc.perform(post("/things").header("Authorization", "Bearer read-secret").contentType(MediaType.APPLICATION_JSON).content("{"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/forbidden"))
        .andExpect(jsonPath("$.detail").value("the token lacks the admin scope"));
  }

  @Test
  void frameworkErrorsGetTheSharedTypes() throws Exception {
    mvc.perform(post("/things/1")).andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/method-not-allowed"));
    mvc.perform(post("/open").contentType(MediaType.TEXT_PLAIN).content("x")).andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/unsupported-media-type"));
    mvc.perform(get("/things/abc").header("Authorization", "Bearer read-secret")).andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/invalid-request"))
        .andExpect(jsonPath("$.errors[0].parameter").value("id"))
        .andExpect(jsonPath("$.errors[0].detail").value("must be a whole number"))
        .andExpect(jsonPath("$.errors[0].pointer").doesNotExist());
  }

  @Test
  void aValueOfTheWrongTypeIsAValidationProblemAndBrokenJsonIsMalformed() throws Exception {
    mvc.perform(post("/open").contentType(MediaType.APPLICATION_JSON).content("{\"instance_id\": \"x\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/invalid-request"))
        .andExpect(jsonPath("$.errors[0].pointer").value("/instance_id"))
        .andExpect(jsonPath("$.errors[0].detail").exists());
    mvc.perform(post("/open").contentType(MediaType.APPLICATION_JSON).content("{\"instance_id\": "))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/malformed-request"))
        .andExpect(jsonPath("$.errors").doesNotExist());
  }

  @Test
  void problemsCarryTheirHeadersAndMembersAndFailuresSayNothing() throws Exception {
    mvc.perform(get("/refused")).andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/router-unavailable"))
        .andExpect(jsonPath("$.attempts").value(3));
    mvc.perform(get("/broken")).andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/internal-error"))
        .andExpect(jsonPath("$.detail").value("the service failed to handle the request; it has been logged"));
  }

  @Test
  void aStoreOutageIs503UnavailableWithRetryAfter() throws Exception {
    for (String path : List.of("/store-down", "/redis-down")) {
      mvc.perform(get(path)).andExpect(status().isServiceUnavailable())
          .andExpect(header().string("Retry-After", "5"))
          .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/unavailable"))
          .andExpect(jsonPath("$.detail").value("the service's store (Redis) is unavailable; retry later"));
    }
  }

  @Test
  void anOversizedDeclaredBodyIsAnsweredAtOnceWithAFixedLengthClosingProblem() throws Exception {
    MvcResult result = mvc.perform(post("/raw").content("123456789")).andExpect(status().isContentTooLarge())
        .andExpect(header().string("Connection", "close"))
        .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/payload-too-large"))
        .andExpect(jsonPath("$.status").value(413))
        .andReturn();
    byte[] body = result.getResponse().getContentAsByteArray();
    assertThat(result.getResponse().getHeader("Content-Length")).isEqualTo(Integer.toString(body.length));
    assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
  }

  @Test
  void bodiesOverTheLimitAre413() throws Exception {
    mvc.perform(post("/open").contentType(MediaType.APPLICATION_JSON).content("{\"instanceId\": 1" + " ".repeat(80) + "}"))
        .andExpect(status().isContentTooLarge())
        .andExpect(header().string("Connection", "close"))
        .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/payload-too-large"));
    mvc.perform(post("/raw").content("123456789")).andExpect(status().isContentTooLarge())
        .andExpect(jsonPath("$.type").value("https://vastmesh.dev/problems/payload-too-large"));
    mvc.perform(post("/raw").content("12345678")).andExpect(status().isOk()).andExpect(jsonPath("$.length").value(8));
  }
}
