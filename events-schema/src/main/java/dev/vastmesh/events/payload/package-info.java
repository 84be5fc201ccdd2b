/**
 * Typed payloads ({@code data}) of the canonical {@code vastai.*} events: one record per event
 * type, grouped by family into sealed interfaces so that a {@code switch} over a payload is
 * checked for exhaustiveness by the compiler.
 *
 * <p>JSON names are the snake_case forms of the record component names. Components not marked
 * {@code @Nullable} are required. Strings must be non-empty.
 */
@NullMarked
package dev.vastmesh.events.payload;

import org.jspecify.annotations.NullMarked;
