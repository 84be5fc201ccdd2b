package dev.vastmesh.costmonitor.api;

import org.jspecify.annotations.Nullable;

/** A budget as the API takes it (the id is the path's). Enumerations are checked by the controller. */
record BudgetRequest(@Nullable String scope, @Nullable String match, @Nullable String period, @Nullable Boolean burnRate,
    @Nullable Double limit, @Nullable String action, @Nullable Double warnAt, @Nullable Long graceSeconds) {
}
