package dev.vastmesh.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceTokensTests {

  enum Scope { INGEST, ADMIN }

  @Test
  void hashesAreSha256HexAndCompareInConstantTimeShape() {
    assertThat(Tokens.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Tokens.sameHash(Tokens.sha256("abc"), Tokens.sha256("abc"))).isTrue();
    assertThat(Tokens.sameHash(Tokens.sha256("abc"), Tokens.sha256("abd"))).isFalse();
    assertThat(Tokens.random("vmx_")).matches("vmx_[A-Za-z0-9_-]{43}");
  }

  @Test
  void configuredTokensAreFoundByTheirValueWithTheirScopes() {
    ServiceTokens<Scope> tokens = new ServiceTokens<>(Scope.class,
        List.of(new Token("ci", "ci-secret", List.of("ingest")), new Token("ops", "ops-secret", List.of(" Admin "))),
        "test", "vastmesh.test.tokens", "vmx_", Scope.ADMIN);
    assertThat(tokens.authenticate("Bearer ci-secret")).isEqualTo(new ServiceTokens.Holder<>("ci", Set.of(Scope.INGEST)));
    assertThat(tokens.authenticate("bearer ops-secret").scopes()).containsExactly(Scope.ADMIN);
    assertThat(tokens.bearer(null)).isEmpty();
    assertThatThrownBy(() -> tokens.authenticate(null)).isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("a bearer token is required. Tokens are configured under vastmesh.test.tokens;");
    assertThatThrownBy(() -> tokens.authenticate("Bearer guess")).isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("the bearer token is not valid.").hasMessageNotContaining("guess");
    assertThatThrownBy(() -> tokens.authenticate("Basic Y2k6c2VjcmV0"))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.headers())
            .containsEntry("WWW-Authenticate", "Bearer realm=\"vastmesh-test\""));
  }

  @Test
  void withoutConfiguredTokensOneAdminTokenIsGeneratedIntoAFileOnlyItsUserReads() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    ServiceTokens<Scope> tokens;
    try {
      tokens = new ServiceTokens<>(Scope.class, List.of(), "test", "vastmesh.test.tokens", "vmx_", Scope.ADMIN);
    } finally {
      System.setOut(original);
    }
    String banner = captured.toString(StandardCharsets.UTF_8);
    assertThat(banner).contains("test: no API token is configured (vastmesh.test.tokens)");
    Matcher file = Pattern.compile("It is in (\\S+) ").matcher(banner);
    assertThat(file.find()).as(banner).isTrue();
    Path path = Path.of(file.group(1));
    String generated = Files.readString(path);
    assertThat(generated).matches("vmx_[A-Za-z0-9_-]{43}");
    assertThat(banner).doesNotContain(generated).contains("-H \"Authorization: Bearer $(cat " + path + ")\"");
    assertThat(Files.getPosixFilePermissions(path)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(tokens.authenticate("Bearer " + generated)).isEqualTo(new ServiceTokens.Holder<>("generated-admin", Set.of(Scope.ADMIN)));
  }

  @Test
  void aGeneratedSecretFileIsNewEachTimeAndPrivateFromItsCreation(@TempDir Path directory) throws Exception {
    Path first = GeneratedToken.write(directory.resolve("secrets"), "agent-", "whsec_one");
    Path second = GeneratedToken.write(directory.resolve("secrets"), "agent-", "whsec_two");

    assertThat(first).isNotEqualTo(second);
    assertThat(Files.readString(first)).isEqualTo("whsec_one");
    assertThat(Files.getPosixFilePermissions(second)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void aRefusalNamesTheScopeNeededAndWhereTokensComeFromButNoToken() throws Exception {
    ServiceTokens<Scope> tokens = new ServiceTokens<>(Scope.class, List.of(new Token("ci", "ci-secret", List.of("ingest"))),
        "test", "vastmesh.test.tokens", "vmx_", Scope.ADMIN);
    ScopeCheck check = ScopeCheck.bearer(tokens, Scope.ADMIN);
    RequiresScope ingest = Annotated.class.getDeclaredMethod("ingest").getAnnotation(RequiresScope.class);
    for (String header : new String[] {null, "Bearer ci-secreT", "Token x"}) {
      assertThatThrownBy(() -> check.check(header, ingest, java.util.Map.of()))
          .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.detail())
              .contains("vastmesh.test.tokens", "generates an admin token", "./vastmesh")
              .doesNotContain("ci-secret", "ci-secreT"));
    }
    assertThatThrownBy(() -> check.check(null, ingest, java.util.Map.of()))
        .hasMessageStartingWith("a bearer token is required; this operation needs a token with the ingest scope. ");
    assertThatThrownBy(() -> check.check("Bearer wrong", ingest, java.util.Map.of()))
        .hasMessageStartingWith("the bearer token is not valid; this operation needs a token with the ingest scope. ");
  }

  @Test
  void theBearerCheckGrantsTheScopeOrAdminOnly() throws Exception {
    ServiceTokens<Scope> tokens = new ServiceTokens<>(Scope.class,
        List.of(new Token("ci", "ci-secret", List.of("ingest")), new Token("ops", "ops-secret", List.of("admin"))),
        "test", "vastmesh.test.tokens", "vmx_", Scope.ADMIN);
    ScopeCheck check = ScopeCheck.bearer(tokens, Scope.ADMIN);
    RequiresScope admin = Annotated.class.getDeclaredMethod("admin").getAnnotation(RequiresScope.class);
    RequiresScope ingest = Annotated.class.getDeclaredMethod("ingest").getAnnotation(RequiresScope.class);
    check.check("Bearer ci-secret", ingest, java.util.Map.of());
    check.check("Bearer ops-secret", ingest, java.util.Map.of());
    check.check("Bearer ops-secret", admin, java.util.Map.of());
    assertThatThrownBy(() -> check.check("Bearer ci-secret", admin, java.util.Map.of()))
        .isInstanceOf(AccessDeniedException.class).hasMessage("the token lacks the admin scope");
  }

  static class Annotated {
    @RequiresScope("admin")
    void admin() {
    }

    @RequiresScope("ingest")
    void ingest() {
    }
  }
}
