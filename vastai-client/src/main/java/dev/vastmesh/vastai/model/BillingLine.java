package dev.vastmesh.vastai.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One invoice or charge line, as the v1 invoices and the charges endpoints return them.
 *
 * @param start epoch seconds
 * @param end epoch seconds
 * @param amount USD
 * @param items the breakdown; for charges, {@code type} is gpu, disk, bwd or bwu
 */
public record BillingLine(
    @Nullable Double start,
    @Nullable Double end,
    @Nullable String type,
    @Nullable String source,
    @Nullable String description,
    @Nullable Double amount,
    @Nullable Map<String, Object> metadata,
    @Nullable List<Map<String, Object>> items) {
}
