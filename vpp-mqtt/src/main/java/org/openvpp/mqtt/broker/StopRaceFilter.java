package org.openvpp.mqtt.broker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops the one error HiveMQ logs when it stops: its persistence clean-up job, running while the
 * broker shuts its executor down, cannot schedule its time-out and logs the {@link
 * RejectedExecutionException} as an error. Nothing is wrong and nothing is lost (the persistence is
 * in memory and about to go); every other message of that logger passes.
 */
final class StopRaceFilter extends TurboFilter {
  static final String CLEAN_UP = "com.hivemq.persistence.ScheduledCleanUpService";

  /** Adds the filter to logback's context once; does nothing when SLF4J is not bound to logback. */
  static void install() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      synchronized (StopRaceFilter.class) {
        if (context.getTurboFilterList().stream().noneMatch(StopRaceFilter.class::isInstance)) {
          StopRaceFilter filter = new StopRaceFilter();
          filter.setName("openvpp-hivemq-stop-race");
          filter.start();
          context.addTurboFilter(filter);
        }
      }
    }
  }

  @Override
  public FilterReply decide(
      @Nullable Marker marker,
      @Nullable Logger logger,
      @Nullable Level level,
      @Nullable String format,
      @Nullable Object @Nullable [] params,
      @Nullable Throwable t) {
    return logger != null
            && t instanceof RejectedExecutionException
            && CLEAN_UP.equals(logger.getName())
        ? FilterReply.DENY
        : FilterReply.NEUTRAL;
  }
}
