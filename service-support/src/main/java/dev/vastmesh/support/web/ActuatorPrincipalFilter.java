package dev.vastmesh.support.web;

import dev.vastmesh.support.security.TokenHolders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes the holder of a valid bearer token the request's principal on {@code /actuator/**}, which
 * is what the actuator's {@code when-authorized} asks for: health details go to token holders,
 * the status to everyone. A missing or invalid token is not refused here: the caller is simply
 * anonymous, as a probe is.
 */
public class ActuatorPrincipalFilter extends OncePerRequestFilter {

  private final TokenHolders holders;

  public ActuatorPrincipalFilter(TokenHolders holders) {
    this.holders = holders;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().substring(request.getContextPath().length()).startsWith("/actuator/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<String> holder = holders.holder(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (holder.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    Principal principal = holder::get;
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public Principal getUserPrincipal() {
        return principal;
      }
    }, response);
  }
}
