package dev.vastmesh.support.web;

import dev.vastmesh.support.security.RequiresScope;
import dev.vastmesh.support.security.ScopeCheck;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Enforces {@link RequiresScope} before the handler runs and before its arguments (the body) are
 * read; a refusal reaches the {@link ProblemAdvice} like any handler's. A handler that requires a
 * scope in a service with no {@link ScopeCheck} fails closed (500), never open.
 */
public class ScopeInterceptor implements HandlerInterceptor {

  private final ObjectProvider<ScopeCheck> check;

  public ScopeInterceptor(ObjectProvider<ScopeCheck> check) {
    this.check = check;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
    if (required == null) {
      return true;
    }
    ScopeCheck scopes = check.getIfAvailable();
    if (scopes == null) {
      throw new IllegalStateException(method + " requires a scope, but no ScopeCheck is configured");
    }
    @SuppressWarnings("unchecked")
    Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    scopes.check(request.getHeader(HttpHeaders.AUTHORIZATION), required, variables == null ? Map.of() : variables);
    return true;
  }
}
