package dev.vastmesh.costmonitor.security;

/** What a cost-monitor token may do: {@code read} budgets and status, {@code write} budgets too, {@code admin} everything. */
public enum Scope {
  READ,
  WRITE,
  ADMIN
}
