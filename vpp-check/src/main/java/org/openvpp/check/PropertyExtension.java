package org.openvpp.check;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs a {@link Property} method as JUnit calls it: JUnit first asks for its parameters (this
 * resolver gives placeholders: zero, false or null), then this interceptor skips that single call
 * and makes the tries itself, each with generated arguments, through {@link Runner}. The test
 * instance and its {@code @BeforeEach} and {@code @AfterEach} are the property's, once, around all
 * its tries.
 */
final class PropertyExtension implements ParameterResolver, InvocationInterceptor {
  static final String SEED = "openvpp.check.seed";
  static final String TRIES = "openvpp.check.tries";
  static final String SHRINK = "openvpp.check.shrink";

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.isAnnotated(ForAll.class);
  }

  @Override
  public @Nullable Object resolveParameter(ParameterContext p, ExtensionContext e) {
    Class<?> t = p.getParameter().getType();
    if (!t.isPrimitive()) {
      return null;
    }
    if (t == boolean.class) {
      return false;
    }
    if (t == char.class) {
      return '\0';
    }
    return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(t, 1), 0);
  }

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> call,
      ExtensionContext context)
      throws Throwable {
    invocation.skip();
    Method m = call.getExecutable();
    Object test = call.getTarget().orElseThrow(() -> new IllegalStateException("no instance"));
    Property property = m.getAnnotation(Property.class);
    if (property == null) {
      throw new IllegalStateException(m + " is not a @Property");
    }
    List<Gen<?>> gens = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Parameter p : m.getParameters()) {
      gens.add(Generators.of(p, test));
      names.add(p.getName());
    }
    m.setAccessible(true);
    Runner runner =
        new Runner(
            gens,
            args -> {
              try {
                m.invoke(test, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
    boolean shrink = !System.getProperty(SHRINK, "").strip().equals("off");
    Optional<Runner.Failure> failure = runner.check(tries(property), seed(m), shrink);
    if (failure.isPresent()) {
      throw new AssertionError(failure.get().describe(names), failure.get().cause());
    }
  }

  private static int tries(Property property) {
    String asked = System.getProperty(TRIES, "");
    if (asked.isBlank()) {
      return property.tries();
    }
    try {
      return Integer.parseInt(asked.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(TRIES + " must be a whole number, not '" + asked + "'");
    }
  }

  /** The seed asked for, a fresh one for "random", or one fixed by the method. */
  static long seed(Method m) {
    String asked = System.getProperty(SEED, "").strip();
    if (asked.equals("random")) {
      return new SecureRandom().nextLong();
    }
    if (!asked.isEmpty()) {
      try {
        return Long.parseLong(asked);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            SEED + " must be a whole number or 'random', not '" + asked + "'");
      }
    }
    String name =
        m.getDeclaringClass().getName()
            + "#"
            + m.getName()
            + Arrays.toString(m.getParameterTypes());
    long h = 0xcbf29ce484222325L; // FNV-1a, 64 bits: stable across JVMs, unlike hashCode
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return h;
  }
}
