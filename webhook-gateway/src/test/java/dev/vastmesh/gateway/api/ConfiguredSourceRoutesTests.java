package dev.vastmesh.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Configured sources are found by their literal routes, anything else by the documented pattern
 * route (whose answers the integration tests check end to end).
 */
@SpringBootTest(properties = {
    "vastmesh.gateway.sources.ci.scheme=standard_webhooks",
    "vastmesh.gateway.sources.ci.secrets[0]=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "vastmesh.gateway.sources.gitlab-prod.scheme=gitlab_token",
    "vastmesh.gateway.sources.gitlab-prod.secrets[0]=gitlab-token-value"})
class ConfiguredSourceRoutesTests {

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mapping;

  @Test
  void eachConfiguredSourceHasALiteralRoute() throws Exception {
    assertThat(handlerOf("/api/v1/webhooks/ci").getBean()).hasToString("webhook source ci");
    assertThat(handlerOf("/api/v1/webhooks/gitlab-prod").getBean()).hasToString("webhook source gitlab-prod");
    assertThat(mapping.getHandlerMethods().keySet()).filteredOn(info -> info.getDirectPaths().contains("/api/v1/webhooks/ci"))
        .singleElement().satisfies(info -> assertThat(info.getMethodsCondition().getMethods()).hasToString("[POST]"));
  }

  @Test
  void anUnknownSourceFallsToThePatternRoute() throws Exception {
    HandlerMethod handler = handlerOf("/api/v1/webhooks/nobody");

    assertThat(handler.getBeanType()).isEqualTo(WebhookController.class);
    assertThat(handler.getMethod().getName()).isEqualTo("receive");
  }

  @Test
  void aLiteralRouteTakesOnlyPosts() throws Exception {
    MockHttpServletRequest get = new MockHttpServletRequest("GET", "/api/v1/webhooks/ci");

    assertThat(catching(get)).isInstanceOf(org.springframework.web.HttpRequestMethodNotSupportedException.class);
  }

  private HandlerMethod handlerOf(String path) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    request.setContentType("application/json");
    HandlerExecutionChain chain = mapping.getHandler(request);
    assertThat(chain).isNotNull();
    return (HandlerMethod) chain.getHandler();
  }

  private Exception catching(MockHttpServletRequest request) {
    try {
      mapping.getHandler(request);
      return null;
    } catch (Exception e) {
      return e;
    }
  }
}
