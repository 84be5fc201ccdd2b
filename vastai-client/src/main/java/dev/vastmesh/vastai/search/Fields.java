package dev.vastmesh.vastai.search;

import java.util.Map;
import java.util.Set;

/**
 * The offer fields a query may filter on, the aliases the CLI accepts for some of them, and the
 * fields typed in other units than the API's. The set is the one Vast's CLI recognises; Vast's
 * own CLI only warns about any other name and sends it, where the API ignores it, so the filter
 * the user meant silently matches everything. Here such a name is an error.
 */
final class Fields {

  static final Map<String, String> ALIASES = Map.of(
      "cuda_vers", "cuda_max_good",
      "dph", "dph_total",
      "dlperf_usd", "dlperf_per_dphtotal",
      "flops_usd", "flops_per_dphtotal",
      "display_active", "gpu_display_active");

  /** Typed value × factor = the value sent: GB typed, MB sent; days typed, seconds sent. */
  static final Map<String, Double> FACTORS = Map.of(
      "cpu_ram", 1000.0,
      "gpu_ram", 1000.0,
      "gpu_total_ram", 1000.0,
      "duration", 86400.0);

  static final Set<String> KNOWN = Set.of(
      "bw_nvlink", "cluster_id", "compute_cap", "cpu_arch", "cpu_cores", "cpu_cores_effective", "cpu_ghz", "cpu_ram",
      "cuda_max_good", "datacenter", "direct_port_count", "disk_bw", "disk_space", "dlperf", "dlperf_per_dphtotal",
      "dph_total", "driver_version", "duration", "external", "flops_per_dphtotal", "geolocation", "gpu_arch",
      "gpu_display_active", "gpu_frac", "gpu_max_power", "gpu_max_temp", "gpu_mem_bw", "gpu_name", "gpu_ram",
      "gpu_total_ram", "has_avx", "host_id", "id", "inet_down", "inet_down_cost", "inet_up", "inet_up_cost",
      "machine_id", "min_bid", "mobo_name", "num_gpus", "pci_gen", "pcie_bw", "reliability", "rentable", "rented",
      "static_ip", "storage_cost", "total_flops", "ubuntu_version", "verification", "verified", "vms_enabled");

  private Fields() {
  }

  /** The field a name in a query or an order means: its alias target, or itself. */
  static String canonical(String name) {
    return ALIASES.getOrDefault(name, name);
  }
}
