package dev.vastmesh.support.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * Matches when the service's {@code <prefix>.state} is {@link #value()}; an unset state is
 * {@link StateMode#MEMORY}. The one way every service picks its in-process or Redis beans.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(OnStateCondition.class)
public @interface ConditionalOnState {

  /** The service's property prefix, such as {@code vastmesh.router}. */
  String prefix();

  StateMode value();
}
