package dev.vastmesh.testsupport.fuzz;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails every test that logs an ERROR event while it runs ({@link ErrorLogs}, captured from
 * before each test to after its {@code @AfterEach} methods): {@code @ExtendWith(NoErrorLogs.class)}
 * on a test class, inherited by its subclasses.
 */
public final class NoErrorLogs implements BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoErrorLogs.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put(ErrorLogs.class, ErrorLogs.capture());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ErrorLogs logs = context.getStore(NAMESPACE).remove(ErrorLogs.class, ErrorLogs.class);
    if (logs != null) {
      logs.close();
      logs.assertNone();
    }
  }
}
