package dev.vastmesh.testsupport.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The ERROR events logged in this JVM while it is open: a fuzz test's service runs in the test's
 * JVM, so bad input that the service logs as its own failure shows here, whatever the logger.
 */
public final class ErrorLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private static final int KEPT = 20;

  private final List<String> events = new ArrayList<>();
  private int count;

  private ErrorLogs() {
  }

  public static ErrorLogs capture() {
    ErrorLogs logs = new ErrorLogs();
    logs.setName("vastmesh-error-logs");
    logs.start();
    root().addAppender(logs);
    return logs;
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) {
      return;
    }
    count++;
    if (events.size() < KEPT) {
      IThrowableProxy thrown = event.getThrowableProxy();
      events.add(event.getLoggerName() + ": " + event.getFormattedMessage()
          + (thrown == null ? "" : " (" + thrown.getClassName() + ": " + thrown.getMessage() + ")"));
    }
  }

  public synchronized int count() {
    return count;
  }

  public synchronized List<String> events() {
    return List.copyOf(events);
  }

  public void assertNone() {
    if (count() > 0) {
      throw new AssertionError(count() + " ERROR log events, first: \n  " + String.join("\n  ", events()));
    }
  }

  @Override
  public void close() {
    root().detachAppender(this);
    stop();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
