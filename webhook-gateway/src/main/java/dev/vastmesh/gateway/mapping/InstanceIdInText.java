package dev.vastmesh.gateway.mapping;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The instance id in a Vast notification's text, where Vast writes it ("Your Interruptible
 * Instance #29484611 Has Been Outbid", "... instance 29484611 on machine 4242 ..."). Best
 * effort by design: Vast sends no structured id. Only those two shapes count, and when subject and
 * message name different instances there is no answer, never a guess.
 */
final class InstanceIdInText {

  // Bounded digit runs, so an id always fits a long and the match cannot be made to backtrack.
  private static final Pattern ID = Pattern.compile("(?i)\\binstance\\s+#?(\\d{1,15})\\b");

  private InstanceIdInText() {
  }

  static @Nullable Long find(@Nullable String subject, @Nullable String message) {
    Long inSubject = only(subject);
    Long inMessage = only(message);
    if (inSubject != null && inMessage != null) {
      return inSubject.equals(inMessage) ? inSubject : null;
    }
    return inSubject != null ? inSubject : inMessage;
  }

  /** The one instance id a text names; none when it names none, several different ones, or 0. */
  private static @Nullable Long only(@Nullable String text) {
    if (text == null) {
      return null;
    }
    Matcher matcher = ID.matcher(text);
    Long found = null;
    while (matcher.find()) {
      long id = Long.parseLong(matcher.group(1));
      if (id < 1 || found != null && found != id) {
        return null;
      }
      found = id;
    }
    return found;
  }
}
