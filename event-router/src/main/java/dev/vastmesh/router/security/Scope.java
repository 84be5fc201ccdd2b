package dev.vastmesh.router.security;

/** What a router token may do: {@code ingest} post events; {@code admin} everything, routes and dead letters too. */
public enum Scope {
  INGEST,
  ADMIN
}
