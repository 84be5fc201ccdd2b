package dev.vastmesh.simulator.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Vast's API key check on every {@code /api/} call: {@code Authorization: Bearer <key>} or the
 * {@code api_key} query parameter, as Vast accepts both. No key answers 403 "This action requires
 * login."; a key that is not an account's answers 401 "Invalid user key" (a deleted key on Vast).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class VastAuthFilter extends OncePerRequestFilter {

  /** The request attribute holding the caller's {@link SimAccount}. */
  public static final String ACCOUNT = "dev.vastmesh.simulator.account";

  private final Accounts accounts;

  public VastAuthFilter(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = key(request);
    if (key == null) {
      reject(response, 403, "This action requires login.");
      return;
    }
    var account = accounts.byKey(key);
    if (account.isEmpty()) {
      reject(response, 401, "Invalid user key");
      return;
    }
    request.setAttribute(ACCOUNT, account.get());
    chain.doFilter(request, response);
  }

  private static String key(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && !header.substring(7).isBlank()) {
      return header.substring(7).trim();
    }
    String param = request.getParameter("api_key");
    return param == null || param.isBlank() ? null : param.trim();
  }

  private static void reject(HttpServletResponse response, int status, String msg) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.getOutputStream().write(("{\"success\": false, \"error\": \"auth_error\", \"msg\": \"" + msg + "\"}")
        .getBytes(StandardCharsets.UTF_8));
  }
}
