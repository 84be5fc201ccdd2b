package dev.vastmesh.vastai.model;

import org.jspecify.annotations.Nullable;

/** The account's balance and credit, in USD. */
public record Balance(long id, @Nullable String email, @Nullable Double balance, @Nullable Double credit) {
}
