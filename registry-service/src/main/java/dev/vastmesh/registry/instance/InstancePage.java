package dev.vastmesh.registry.instance;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param index the registry index the page was read at
 * @param hasMore whether instances after the last one on this page match too
 */
public record InstancePage(List<RegisteredInstance> instances, boolean hasMore, long index) {
}
