package dev.vastmesh.simulator.billing;

/** What a contract used over a span: hours of GPU and of storage, and what they cost. */
public record Cost(double gpuHours, double storageHours, Rates rates) {

  public static Cost none(Rates rates) {
    return new Cost(0, 0, rates);
  }

  public double gpu() {
    return gpuHours * rates.gpuPerHour();
  }

  public double storage() {
    return storageHours * rates.storagePerHour();
  }

  public double total() {
    return gpu() + storage();
  }

  public boolean isEmpty() {
    return gpuHours == 0 && storageHours == 0;
  }
}
