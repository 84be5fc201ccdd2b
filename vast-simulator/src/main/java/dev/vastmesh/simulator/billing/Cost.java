package dev.vastmesh.simulator.billing;

/**
 * What a contract used over a span and what it cost: GPU hours (some of them paid from a prepaid
 * deposit, at its discount), storage hours, and GB of traffic each way.
 *
 * @param gpu $ for the GPU hours, the reserved ones at their discounted price
 * @param reservedHours the GPU hours paid from the deposit
 * @param fromDeposit the $ of {@code gpu} that the deposit paid
 * @param saved what the discount took off those hours
 */
public record Cost(double gpuHours, double gpu, double reservedHours, double fromDeposit, double saved, double storageHours,
    double downGb, double upGb, Rates rates) {

  public static Cost none(Rates rates) {
    return new Cost(0, 0, 0, 0, 0, 0, 0, 0, rates);
  }

  public double storage() {
    return storageHours * rates.storagePerHour();
  }

  public double down() {
    return downGb * rates.inetDownCost();
  }

  public double up() {
    return upGb * rates.inetUpCost();
  }

  public double total() {
    return gpu + storage() + down() + up();
  }

  /** What the account's credit paid: everything but what the deposit covered. */
  public double fromCredit() {
    return total() - fromDeposit;
  }

  public boolean isEmpty() {
    return gpuHours == 0 && storageHours == 0 && downGb == 0 && upGb == 0;
  }
}
