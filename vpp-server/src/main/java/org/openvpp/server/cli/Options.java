package org.openvpp.server.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parsed {@code --name value} and {@code --flag} options of one command, checked against the
 * options the command knows.
 */
public final class Options {
  private final String command;
  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  private Options(String command) {
    this.command = command;
  }

  /**
   * Parses {@code args}.
   *
   * @param valued options that take a value
   * @param flagNames options that take none
   * @throws UsageException on an unknown option, a missing value, or a stray argument
   */
  public static Options parse(
      String command, List<String> args, Set<String> valued, Set<String> flagNames)
      throws UsageException {
    Options o = new Options(command);
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String name = a;
      String inline = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        inline = a.substring(eq + 1);
      }
      if (flagNames.contains(name) && inline == null) {
        o.flags.add(name);
      } else if (valued.contains(name)) {
        if (inline == null) {
          if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new UsageException(command + ": option " + name + " needs a value");
          }
          inline = args.get(++i);
        }
        o.values.put(name, inline);
      } else {
        Set<String> known = new java.util.TreeSet<>(valued);
        known.addAll(flagNames);
        throw new UsageException(
            command + ": unknown argument '" + a + "'; known options: " + String.join(" ", known));
      }
    }
    return o;
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  /** A text option, or {@code fallback} when absent. */
  public String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  /** An integer option within {@code [min, max]}, or {@code fallback} when absent. */
  public int integer(String name, int fallback, int min, int max) throws UsageException {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min || n > max) {
        throw new UsageException(
            command + ": " + name + " must be between " + min + " and " + max + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": " + name + " needs a whole number, was '" + v + "'");
    }
  }

  /** A decimal option within {@code [min, max]}, or {@code fallback} when absent. */
  public double decimal(String name, double fallback, double min, double max)
      throws UsageException {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (!(d >= min && d <= max)) {
        throw new UsageException(
            String.format(
                Locale.ROOT,
                "%s: %s must be between %s and %s, was %s",
                command,
                name,
                min,
                max,
                v));
      }
      return d;
    } catch (NumberFormatException e) {
      throw new UsageException(command + ": " + name + " needs a number, was '" + v + "'");
    }
  }
}
