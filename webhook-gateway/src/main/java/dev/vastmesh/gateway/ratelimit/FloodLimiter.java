package dev.vastmesh.gateway.ratelimit;

/** The per-replica limiter of the pre-verification flood check (see the pipeline). */
public record FloodLimiter(RateLimiter limiter) {
}
