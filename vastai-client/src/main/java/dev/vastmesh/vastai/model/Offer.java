package dev.vastmesh.vastai.model;

import org.jspecify.annotations.Nullable;

/**
 * A rentable offer from a search. Units as Vast sends them: RAM in MB, disk in GB, prices in $/h,
 * reliability 0–1, bandwidth in Mb/s; {@code storageCost} in $/GB/month and {@code
 * storageTotalCost} in $/h for the search's {@code allocated_storage}. Unknown fields are ignored.
 */
public record Offer(
    long id,
    @Nullable Long machineId,
    @Nullable Long hostId,
    @Nullable String gpuName,
    @Nullable Integer numGpus,
    @Nullable Double gpuRam,
    @Nullable Double gpuTotalRam,
    @Nullable Double cpuRam,
    @Nullable Double cpuCoresEffective,
    @Nullable Double diskSpace,
    @Nullable Double dphTotal,
    @Nullable Double dphBase,
    @Nullable Double minBid,
    @Nullable Double reliability,
    @Nullable Double reliability2,
    @Nullable Double inetDown,
    @Nullable Double inetUp,
    @Nullable String geolocation,
    @Nullable String verification,
    @Nullable Boolean rentable,
    @Nullable Boolean rented,
    @Nullable Boolean staticIp,
    @Nullable Double cudaMaxGood,
    @Nullable String driverVersion,
    @Nullable Integer directPortCount,
    @Nullable Double computeCap,
    @Nullable Double dlperf,
    @Nullable Double score,
    @Nullable Double duration,
    @Nullable Double storageCost,
    @Nullable Double storageTotalCost) {
}
