package dev.vastmesh.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.support.security.RequiresScope;
import dev.vastmesh.support.security.ScopeCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

class ScopeInterceptorTests {

  static class Handlers {
    @RequiresScope(value = "write", owner = "instanceId")
    void heartbeat() {
    }

    void open() {
    }
  }

  private static HandlerMethod handler(String name) throws NoSuchMethodException {
    return new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(name));
  }

  @Test
  void aScopedHandlerInAServiceWithoutAScopeCheckFailsClosed() throws Exception {
    ScopeInterceptor interceptor = new ScopeInterceptor(new DefaultListableBeanFactory().getBeanProvider(ScopeCheck.class));
    assertThatThrownBy(() -> interceptor.preHandle(new MockHttpServletRequest(), new MockHttpServletResponse(), handler("heartbeat")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no ScopeCheck");
    assertThat(interceptor.preHandle(new MockHttpServletRequest(), new MockHttpServletResponse(), handler("open"))).isTrue();
  }

  @Test
  void theCheckGetsTheHeaderTheScopeAndThePathVariables() throws Exception {
    List<String> seen = new ArrayList<>();
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.registerSingleton("check", (ScopeCheck) (authorization, required, variables) ->
        seen.add(authorization + " " + required.value() + " " + required.owner() + "=" + variables.get(required.owner())));
    ScopeInterceptor interceptor = new ScopeInterceptor(beans.getBeanProvider(ScopeCheck.class));
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.addHeader("Authorization", "Bearer x");
    request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("instanceId", "5"));
    assertThat(interceptor.preHandle(request, new MockHttpServletResponse(), handler("heartbeat"))).isTrue();
    assertThat(seen).containsExactly("Bearer x write instanceId=5");
  }
}
