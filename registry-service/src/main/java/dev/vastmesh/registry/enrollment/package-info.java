/**
 * One-time enrollment tokens: what a rented instance gets instead of a register-scoped token.
 * Minted by a caller with the enroll scope, stored only as a hash, expiring, optionally bound to
 * one instance id, and consumed atomically by the one registration it admits.
 */
@NullMarked
package dev.vastmesh.registry.enrollment;

import org.jspecify.annotations.NullMarked;
