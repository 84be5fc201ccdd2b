package dev.vastmesh.storage;

import java.time.Instant;

/** One listed entry: an object, or (with {@code directory}) a common prefix under a delimiter. */
public record ObjectInfo(String key, long size, Instant lastModified, boolean directory) {
}
