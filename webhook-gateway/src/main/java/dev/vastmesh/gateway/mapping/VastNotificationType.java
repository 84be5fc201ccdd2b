package dev.vastmesh.gateway.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every {@code notif_type} Vast documents (payload slugs, without the {@code client:} /
 * {@code host:} context), with what the gateway makes of it. The set is closed on purpose: it is
 * also the metric's label set, and anything else counts as {@link #OTHER}.
 */
enum VastNotificationType {
  OUTBID("outbid", Outcome.TERMINATED_OUTBID, ""),
  INSTANCE_DELETED("instance_deleted", Outcome.TERMINATED_DESTROYED, ""),
  INSTANCE_OFFLINE("instance_offline", Outcome.HEALTH_UNHEALTHY, ""),
  INSTANCE_ONLINE("instance_online", Outcome.HEALTH_HEALTHY, ""),
  ERROR_MSGS("error_msgs", Outcome.HEALTH_DEGRADED, ""),
  STORAGE_FULL("storage_full", Outcome.HEALTH_DEGRADED, ""),
  LOW_CREDIT("low_credit", Outcome.ACCOUNT_LOW_CREDIT, ""),
  BILLING_FAILED("billing_failed", Outcome.ACCOUNT_BILLING_FAILED, ""),
  WEBHOOK_TEST("webhook_test", Outcome.TEST, ""),
  INSTANCE_CREATED("instance_created", Outcome.NONE, "the rental is reported by whoever created it (vastai deploy)"),
  INSTANCE_STARTED("instance_started", Outcome.NONE, "readiness comes from the worker, which knows when the model serves"),
  INSTANCE_STOPPED("instance_stopped", Outcome.NONE, "not reliably delivered; a stop is not an end (storage is still billed)"),
  INSTANCE_RESUMED("instance_resumed", Outcome.NONE, "not reliably delivered; readiness comes from the worker"),
  UPCOMING_DOWNTIME("upcoming_downtime", Outcome.NONE, "a notice of future downtime, with its time only in text"),
  MACHINE_MAINTENANCE("machine_maintenance", Outcome.NONE, "a notice of future maintenance, with its time only in text"),
  LOW_DISK_SPACE("low_disk_space", Outcome.NONE, "the same slug is sent for hosts and renters, so it cannot be placed"),
  NEAR_END_DATE("near_end_date", Outcome.NONE, "the same slug is sent for hosts and renters, so it cannot be placed"),
  NEW_END_DATE("new_end_date", Outcome.NONE, "an extended contract changes nothing to act on"),
  IDLE_GPU("idle_gpu", Outcome.NONE, "no cost figures to fill a cost event; the registry's load figures say more"),
  PAYMENT_RECEIPT("payment_receipt", Outcome.NONE, "a receipt needs no action"),
  CREDIT_RECEIVED("credit_received", Outcome.NONE, "received credit needs no action"),
  EMAIL_VERIFICATION("email_verification", Outcome.NONE, "an account event for a person, not for agents"),
  PASSWORD_RESET("password_reset", Outcome.NONE, "an account event for a person, not for agents"),
  EMAIL_CHANGE("email_change", Outcome.NONE, "an account event for a person, not for agents"),
  TEAM_INVITATION("team_invitation", Outcome.NONE, "an account event for a person, not for agents"),
  MACHINE_OFFLINE("machine_offline", Outcome.NONE, "a host event: vastmesh rents, it does not host"),
  MACHINE_ERROR("machine_error", Outcome.NONE, "a host event: vastmesh rents, it does not host"),
  MAINTENANCE_SCHEDULED("maintenance_scheduled", Outcome.NONE, "a host event: vastmesh rents, it does not host"),
  MACHINE_UNVERIFIED("machine_unverified", Outcome.NONE, "a host event: vastmesh rents, it does not host"),
  RECEIVE_REPORTS("receive_reports", Outcome.NONE, "a host event: vastmesh rents, it does not host"),
  OTHER("other", Outcome.NONE, "a notif_type Vast does not document");

  /** What a type becomes. */
  enum Outcome {
    TERMINATED_OUTBID, TERMINATED_DESTROYED, HEALTH_UNHEALTHY, HEALTH_DEGRADED, HEALTH_HEALTHY,
    ACCOUNT_LOW_CREDIT, ACCOUNT_BILLING_FAILED, TEST, NONE
  }

  private static final Map<String, VastNotificationType> BY_SLUG = Arrays.stream(values()).filter(t -> t != OTHER)
      .collect(Collectors.toUnmodifiableMap(VastNotificationType::slug, Function.identity()));

  private final String slug;
  private final Outcome outcome;
  private final String why;

  VastNotificationType(String slug, Outcome outcome, String why) {
    this.slug = slug;
    this.outcome = outcome;
    this.why = why;
  }

  /** The type of a payload's {@code notif_type}; a {@code client:}/{@code host:} prefix is tolerated. */
  static VastNotificationType of(String notifType) {
    String slug = notifType.toLowerCase(Locale.ROOT);
    int colon = slug.indexOf(':');
    if (colon >= 0 && (slug.startsWith("client:") || slug.startsWith("host:"))) {
      slug = slug.substring(colon + 1);
    }
    return BY_SLUG.getOrDefault(slug, OTHER);
  }

  /** The slug, or {@code other}: also the metric label. */
  String slug() {
    return slug;
  }

  Outcome outcome() {
    return outcome;
  }

  /** Why the type has no event (empty for those that have one). */
  String why() {
    return why;
  }
}
