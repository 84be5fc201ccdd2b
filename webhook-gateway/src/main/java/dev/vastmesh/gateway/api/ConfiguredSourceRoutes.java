package dev.vastmesh.gateway.api;

import dev.vastmesh.gateway.config.Sources;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Gives every configured source a literal route, {@code POST /api/v1/webhooks/<name>}, beside
 * the documented pattern route. Spring MVC finds a literal path with one map lookup, whereas a
 * path that only a pattern matches is tried against every mapping of the application: that
 * search cost a verified webhook three and a half times the handler lookup of a literal path
 * (docs/performance-log/webhook-gateway.md). The pattern route stays, for the contract and for unknown sources.
 */
@Component
class ConfiguredSourceRoutes implements SmartInitializingSingleton {

  private static final Method RECEIVE = ReflectionUtils.findMethod(SourceEndpoint.class, "receive",
      HttpServletRequest.class, HttpServletResponse.class);

  private final RequestMappingHandlerMapping mapping;
  private final WebhookController controller;
  private final Sources sources;

  ConfiguredSourceRoutes(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping,
      WebhookController controller, Sources sources) {
    this.mapping = mapping;
    this.controller = controller;
    this.sources = sources;
  }

  @Override
  public void afterSingletonsInstantiated() {
    // Each literal route is the documented route with another path: its method, media types
    // and any condition added to the annotation later are the annotation's, not a copy.
    RequestMappingInfo documented = mapping.getHandlerMethods().entrySet().stream()
        .filter(entry -> entry.getValue().getBeanType() == WebhookController.class)
        .map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new IllegalStateException("the webhook route is not mapped"));
    RequestMappingInfo.BuilderConfiguration options = mapping.getBuilderConfiguration();
    for (String name : sources.names()) {
      // Names are restricted to [a-z0-9_-] (Sources), so the literal path needs no encoding.
      RequestMappingInfo route = documented.mutate().paths(WebhookController.PATH_PREFIX + name).options(options).build();
      mapping.registerMapping(route, new SourceEndpoint(name, controller), RECEIVE);
    }
  }

  /** The handler of one source's literal route: the controller, with the source already known. */
  @Hidden
  static final class SourceEndpoint {

    private final String source;
    private final WebhookController controller;

    SourceEndpoint(String source, WebhookController controller) {
      this.source = source;
      this.controller = controller;
    }

    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
      return controller.receive(source, request, response);
    }

    @Override
    public String toString() {
      return "webhook source " + source;
    }
  }
}
