package dev.vastmesh.registry.api;

import dev.vastmesh.registry.instance.RegisteredInstance;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A page of instances, in instance-id order.
 *
 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
 * @param index the registry index this answer reflects (also in the {@code X-Vastmesh-Index} header)
 */
public record InstanceList(List<RegisteredInstance> instances, int count, @Nullable String nextCursor, long index) {
}
