package dev.vastmesh.support.docs;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code GET /v3/api-docs} (JSON) and {@code /v3/api-docs.yaml} answer the contract file, ahead of
 * springdoc, whose document made from the code is generic ("OpenAPI definition v0") and would
 * contradict the file. Swagger UI reads the file itself ({@code springdoc.swagger-ui.url}).
 */
public class ContractDocsFilter extends OncePerRequestFilter implements Ordered {

  public static final String JSON_PATH = "/v3/api-docs";
  public static final String YAML_PATH = "/v3/api-docs.yaml";

  private final ContractDocument contract;

  public ContractDocsFilter(ContractDocument contract) {
    this.contract = contract;
  }

  /** Ahead of the other filters (the size cap among them): the contract is public and takes no body. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    return !read || !(path.equals(JSON_PATH) || path.equals(YAML_PATH));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    boolean yaml = request.getRequestURI().endsWith(".yaml");
    byte[] body = yaml ? contract.yaml() : contract.json();
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(yaml ? "application/yaml" : MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(body.length);
    if ("GET".equals(request.getMethod())) {
      response.getOutputStream().write(body);
    }
  }
}
