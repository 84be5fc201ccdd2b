package dev.vastmesh.support.config;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The condition of {@link ConditionalOnState}. */
class OnStateCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnState.class.getName());
    if (attributes == null) {
      return ConditionOutcome.noMatch("not annotated with @ConditionalOnState");
    }
    String property = attributes.get("prefix") + ".state";
    StateMode wanted = (StateMode) attributes.get("value");
    StateMode actual = parse(property, context.getEnvironment().getProperty(property, "memory"));
    return actual == wanted
        ? ConditionOutcome.match(property + " is " + name(actual))
        : ConditionOutcome.noMatch(property + " is " + name(actual) + ", not " + name(wanted));
  }

  private static StateMode parse(String property, String value) {
    try {
      return StateMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(property + " must be memory or redis, not '" + value + "'");
    }
  }

  private static String name(StateMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }
}
