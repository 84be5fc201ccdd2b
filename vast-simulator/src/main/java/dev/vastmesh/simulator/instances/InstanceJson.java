package dev.vastmesh.simulator.instances;

import dev.vastmesh.simulator.billing.Contract;
import dev.vastmesh.simulator.billing.Rates;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** An instance as Vast's instance rows show it. */
final class InstanceJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String[] FROM_OFFER = {"machine_id", "host_id", "gpu_name", "num_gpus", "gpu_ram", "cpu_ram",
      "cpu_cores_effective", "geolocation", "reliability2", "cuda_max_good", "driver_version", "inet_up", "inet_down",
      "inet_up_cost", "inet_down_cost", "compute_cap", "dlperf", "static_ip", "verification", "min_bid"};

  private InstanceJson() {
  }

  static ObjectNode of(SimInstance instance, String publicIp, Instant at) {
    SimInstance.Snapshot now = instance.snapshot();
    ObjectNode row = JSON.createObjectNode();
    row.put("id", instance.id);
    for (String field : FROM_OFFER) {
      if (instance.offer.has(field)) {
        row.set(field, instance.offer.get(field));
      }
    }
    row.put("gpu_totalram", instance.offer.path("gpu_total_ram").asDouble());
    row.put("actual_status", now.phase().actual());
    row.put("intended_status", now.phase().intended());
    row.put("cur_state", now.phase().current());
    row.put("next_state", now.phase().next());
    row.put("status_msg", now.statusMsg());
    row.put("label", now.label());
    row.put("image_uuid", instance.request.image());
    row.put("image_runtype", "ssh");
    row.put("onstart", instance.request.onstart());
    row.put("disk_space", instance.request.disk());
    Rates rates = instance.contract.rates();
    row.put("dph_base", rates.gpuPerHour());
    row.put("storage_cost", rates.storageCost());
    row.put("storage_total_cost", rates.storagePerHour());
    row.put("dph_total", rates.totalPerHour());
    row.put("is_bid", instance.bid);
    // A reserved instance: what is left of its deposit and the discount it pays its GPU hours at.
    Contract.Reserve reserve = instance.contract.reserve(at);
    if (reserve.months() > 0) {
      row.put("credit_balance", reserve.left());
      row.put("credit_discount", reserve.discount());
    } else {
      row.putNull("credit_balance");
      row.putNull("credit_discount");
    }
    row.put("credit_discount_max", rates.discountMax());
    row.put("start_date", now.startDate() == null ? instance.created : now.startDate());
    row.put("public_ipaddr", publicIp);
    row.put("ssh_host", publicIp);
    row.putNull("ssh_port");
    ObjectNode ports = row.putObject("ports");
    if (now.phase() == Phase.RUNNING) {
      instance.ports.forEach((container, host) -> ports.putArray(container + "/tcp").addObject()
          .put("HostIp", "0.0.0.0").put("HostPort", Integer.toString(host)));
    }
    ArrayNode env = row.putArray("extra_env");
    instance.request.env().forEach((k, v) -> env.addArray().add(k).add(v));
    row.put("client_id", "me");
    return row;
  }
}
