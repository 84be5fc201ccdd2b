package dev.vastmesh.support.problem;

/** One invalid request field: its JSON name (or parameter) and what is wrong with it. */
public record FieldViolation(String field, String message) {
}
