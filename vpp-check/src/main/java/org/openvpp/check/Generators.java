package org.openvpp.check;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.List;

/** The generator of a property's parameter, from its type and annotations. */
final class Generators {
  private Generators() {}

  /** {@code p}'s generator; {@code test} is the instance whose provider methods may be named. */
  static Gen<?> of(Parameter p, Object test) {
    ForAll forAll = p.getAnnotation(ForAll.class);
    if (forAll == null) {
      throw new IllegalArgumentException(
          where(p) + " has no @ForAll: every parameter of a @Property is generated");
    }
    if (!forAll.value().isEmpty()) {
      return provided(forAll.value(), test, p);
    }
    return ofType(p.getAnnotatedType(), p, where(p));
  }

  private static Gen<?> ofType(AnnotatedType t, AnnotatedElement declared, String where) {
    Type type = t.getType();
    Size size = annotation(Size.class, t, declared);
    if (type == int.class || type == Integer.class) {
      IntRange r = annotation(IntRange.class, t, declared);
      return r == null
          ? Gen.ints(Integer.MIN_VALUE, Integer.MAX_VALUE)
          : Gen.ints(r.min(), r.max());
    }
    if (type == long.class || type == Long.class) {
      LongRange r = annotation(LongRange.class, t, declared);
      return r == null ? Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE) : Gen.longs(r.min(), r.max());
    }
    if (type == double.class || type == Double.class) {
      DoubleRange r = annotation(DoubleRange.class, t, declared);
      if (r == null) {
        throw new IllegalArgumentException(where + " needs a @DoubleRange");
      }
      return Gen.doubles(r.min(), r.max());
    }
    if (type == byte.class || type == Byte.class) {
      return Gen.bytes();
    }
    if (type == boolean.class || type == Boolean.class) {
      return Gen.booleans();
    }
    if (type == BigDecimal.class) {
      BigRange r = annotation(BigRange.class, t, declared);
      if (r == null) {
        throw new IllegalArgumentException(where + " needs a @BigRange");
      }
      return Gen.decimals(new BigDecimal(r.min()), new BigDecimal(r.max()), r.scale());
    }
    if (type instanceof Class<?> c && c.isEnum()) {
      return Gen.of(List.of(c.getEnumConstants()));
    }
    if (type == byte[].class) {
      if (size == null) {
        throw new IllegalArgumentException(where + " needs a @Size");
      }
      return Gen.byteArrays(size.min(), size.max());
    }
    if (t instanceof AnnotatedParameterizedType pt
        && pt.getType() instanceof java.lang.reflect.ParameterizedType raw
        && raw.getRawType() == List.class) {
      if (size == null) {
        throw new IllegalArgumentException(where + " needs a @Size");
      }
      AnnotatedType element = pt.getAnnotatedActualTypeArguments()[0];
      return ofType(element, element, "the elements of " + where).list(size.min(), size.max());
    }
    throw new IllegalArgumentException(
        where
            + " has type "
            + type.getTypeName()
            + ", which has no generator of its own: name a @Provide method in @ForAll(\"...\")");
  }

  /** The annotation on the type use, or else on the parameter itself. */
  private static <A extends java.lang.annotation.Annotation>
      @org.jspecify.annotations.Nullable A annotation(
          Class<A> kind, AnnotatedType t, AnnotatedElement declared) {
    A a = t.getAnnotation(kind);
    return a != null ? a : declared.getAnnotation(kind);
  }

  private static Gen<?> provided(String name, Object test, Parameter p) {
    for (Class<?> c = test.getClass(); c != null; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(name) && m.getParameterCount() == 0) {
          if (!m.isAnnotationPresent(Provide.class)
              || !Gen.class.isAssignableFrom(m.getReturnType())) {
            throw new IllegalArgumentException(
                where(p) + ": method " + name + "() must be annotated @Provide and return a Gen");
          }
          try {
            m.setAccessible(true);
            return (Gen<?>) m.invoke(test);
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(where(p) + ": cannot call " + name + "()", e);
          } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                where(p) + ": " + name + "() failed: " + e.getCause(), e.getCause());
          }
        }
      }
    }
    throw new IllegalArgumentException(
        where(p) + " names @ForAll(\"" + name + "\"), but the test class has no such method");
  }

  private static String where(Parameter p) {
    return "parameter "
        + p.getName()
        + " of "
        + p.getDeclaringExecutable().getDeclaringClass().getSimpleName()
        + "."
        + p.getDeclaringExecutable().getName();
  }
}
