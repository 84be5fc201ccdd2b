package dev.vastmesh.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;

/**
 * One cell of a service's auth matrix: a mutating endpoint called with one kind of credential,
 * and the refusal it must get — the precise status and RFC 9457 problem type, with a
 * {@code Bearer} challenge on an {@code unauthenticated} one. A parameterized test runs every cell against the running
 * service and checks that nothing changed.
 *
 * @param method the HTTP method
 * @param path the path, its variables filled in
 * @param credential what the caller holds, as the test's name shows it ({@code no token},
 *     {@code wrong token}, {@code read scope}, {@code other instance}, {@code forged} ...)
 * @param token the bearer token sent, or null for none
 * @param status the status the refusal must have
 * @param kind the problem type's kind, after {@code https://vastmesh.dev/problems/}
 */
public record AuthCase(String method, String path, String credential, @Nullable String token, int status, String kind) {

  /** Every refusal's type starts so, in every service. */
  public static final String PROBLEM_BASE = "https://vastmesh.dev/problems/";

  /** Asserts {@code response} is exactly this refusal. */
  public void assertRefused(ServiceClient.Response response) {
    assertThat(response.status()).as("%s: %s", this, response.body()).isEqualTo(status);
    assertThat(response.header("Content-Type")).as("%s", this).startsWith("application/problem+json");
    assertThat(response.json().path("type").asString()).as("%s", this).isEqualTo(PROBLEM_BASE + kind);
    assertThat(response.json().path("status").asInt()).as("%s", this).isEqualTo(status);
    if (kind.equals("unauthenticated")) {
      assertThat(response.header("WWW-Authenticate")).as("%s", this).startsWith("Bearer realm=\"vastmesh-");
    }
    if (token != null && token.length() > 3) {
      assertThat(response.body()).as("%s: the answer repeats no credential", this).doesNotContain(token);
    }
  }

  @Override
  public String toString() {
    return method + " " + path + " with " + credential + " -> " + status + " " + kind;
  }
}
