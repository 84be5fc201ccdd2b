package dev.vastmesh.registry.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vastmesh.registry.enrollment.InMemoryEnrollmentStore;
import dev.vastmesh.registry.store.InMemoryInstanceStore;
import dev.vastmesh.registry.support.TestProperties;
import dev.vastmesh.support.security.AuthenticationException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Without configured tokens the registry is still never anonymous-writable. */
class GeneratedTokenTests {

  @Test
  void startupGeneratesAnAdminTokenAndPrintsOnlyWhereItIs() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    CallerResolver resolver;
    try {
      resolver = new CallerResolver(TestProperties.defaults(), new InMemoryInstanceStore(), new InMemoryEnrollmentStore());
    } finally {
      System.setOut(original);
    }

    String banner = captured.toString(StandardCharsets.UTF_8);
    Matcher file = Pattern.compile("\\$\\(cat (\\S+)\\)").matcher(banner);
    assertThat(file.find()).as(banner).isTrue();
    String generated = Files.readString(Path.of(file.group(1)));
    assertThat(generated).startsWith("vmt_");
    assertThat(banner).doesNotContain(generated);
    Caller caller = resolver.resolve("Bearer " + generated);
    assertThat(caller).isEqualTo(new Caller.Service("generated-admin", Set.of(Scope.ADMIN)));
    resolver.requireRegister(caller);
    assertThatThrownBy(() -> resolver.requireRegister(resolver.resolve(null))).isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> resolver.resolve("Bearer vmt_guess")).isInstanceOf(AuthenticationException.class)
        .hasMessageNotContaining("vmt_guess");
  }

  @Test
  void scopesImplyOnlyWhatTheyShould() {
    assertThat(Scope.READ.grantedBy(Set.of(Scope.WRITE))).isTrue();
    assertThat(Scope.REGISTER.grantedBy(Set.of(Scope.WRITE))).isTrue();
    assertThat(Scope.WRITE.grantedBy(Set.of(Scope.REGISTER))).isFalse();
    assertThat(Scope.READ.grantedBy(Set.of(Scope.REGISTER))).isFalse();
    assertThat(Scope.WRITE.grantedBy(Set.of(Scope.ADMIN))).isTrue();
  }
}
