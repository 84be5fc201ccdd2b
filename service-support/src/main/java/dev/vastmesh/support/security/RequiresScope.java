package dev.vastmesh.support.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The scope a handler method requires, checked by the service's {@link ScopeCheck} before the
 * handler runs (and before its body is read). A handler without it is open.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresScope {

  /** The scope's name, as tokens are configured with it ({@code admin}, {@code read} ...). */
  String value();

  /**
   * The path variable naming the resource a caller may own (an instance's own token may act on
   * that instance without the scope); empty when ownership grants nothing.
   */
  String owner() default "";
}
