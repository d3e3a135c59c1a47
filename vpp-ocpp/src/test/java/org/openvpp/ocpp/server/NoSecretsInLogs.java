package org.openvpp.ocpp.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.slf4j.LoggerFactory;

/**
 * Holds a test class to keeping secrets out of logs and exception messages: every event logged
 * while its tests run (OpenVPP's loggers at TRACE, the others at their configured levels), with its
 * arguments and exceptions, is searched for each secret the tests {@link #remember}ed (ignoring
 * case), and so is every exception a test throws but its own assertion failures. {@link
 * TestCharger#basic} remembers the password and the header it makes.
 */
public final class NoSecretsInLogs
    implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
  private static final Logger ROOT =
      (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private static final Logger OURS = (Logger) LoggerFactory.getLogger("org.openvpp");

  private static final ListAppender<ILoggingEvent> APPENDER = new ListAppender<>();
  private Level before = Level.INFO;

  /** Remembers {@code secret}, which no log line may hold; returns it. */
  public static String remember(String secret) {
    SECRETS.add(secret);
    return secret;
  }

  /** The messages logged so far while this class's tests run, as formatted. */
  public static List<String> logged() {
    return copy().stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** What the appender holds: logback appends under the appender's lock. */
  private static List<ILoggingEvent> copy() {
    synchronized (APPENDER) {
      return List.copyOf(APPENDER.list);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    before = OURS.getLevel() == null ? Level.INFO : OURS.getLevel();
    OURS.setLevel(Level.TRACE);
    APPENDER.list.clear();
    APPENDER.start();
    ROOT.addAppender(APPENDER);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ROOT.detachAppender(APPENDER);
    APPENDER.stop();
    OURS.setLevel(before);
    List<String> texts = new ArrayList<>();
    for (ILoggingEvent e : copy()) {
      StringBuilder text = new StringBuilder(e.getFormattedMessage());
      Object[] args = e.getArgumentArray();
      if (args != null) {
        for (Object a : args) {
          text.append(' ').append(a);
        }
      }
      IThrowableProxy t = e.getThrowableProxy();
      if (t != null) {
        text.append(' ').append(ThrowableProxyUtil.asString(t));
      }
      text.append(' ').append(e.getMDCPropertyMap());
      texts.add(text.toString().toLowerCase(Locale.ROOT));
    }
    assertThat(SECRETS).as("secrets remembered by %s", context.getDisplayName()).isNotEmpty();
    for (String secret : SECRETS) {
      String s = secret.toLowerCase(Locale.ROOT);
      for (String text : texts) {
        assertThat(text.contains(s))
            .as(
                "a log line holds a secret (%d characters) in %s",
                secret.length(), context.getDisplayName())
            .isFalse();
      }
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
      throws Throwable {
    if (thrown instanceof AssertionError) {
      throw thrown; // a test's own failure, whose message may quote what it compared
    }
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      for (String secret : SECRETS) {
        if (message.contains(secret.toLowerCase(Locale.ROOT))) {
          AssertionError leak =
              new AssertionError("an exception message holds a secret; the test failed with it");
          leak.addSuppressed(new AssertionError(t.getClass().getName()));
          throw leak;
        }
      }
    }
    throw thrown;
  }
}
