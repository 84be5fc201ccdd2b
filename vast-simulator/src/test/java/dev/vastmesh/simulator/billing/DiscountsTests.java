package dev.vastmesh.simulator.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Vast's default prepay schedule, and a deposit paying GPU hours until it is used up. */
class DiscountsTests {

  private static final Offset<Double> EXACT = Offset.offset(1e-9);

  @Test
  void theScheduleIsVastsDefaultsCappedByTheOffer() {
    assertThat(Discounts.rate(0, 0.4)).isZero();
    assertThat(Discounts.rate(1, 0.4)).isCloseTo(0.2, EXACT);
    assertThat(Discounts.rate(3, 0.4)).isCloseTo(0.3, EXACT);
    assertThat(Discounts.rate(6, 0.4)).isCloseTo(0.4, EXACT);
    assertThat(Discounts.rate(24, 0.4)).isCloseTo(0.4, EXACT);
    assertThat(Discounts.rate(2, 0.4)).as("between the points, a straight line").isCloseTo(0.25, EXACT);
    assertThat(Discounts.rate(6, 0.25)).as("never above credit_discount_max").isCloseTo(0.25, EXACT);
  }

  @Test
  void aDepositBuysTheMonthsItsOwnDiscountEarns() {
    // Vast's example: $576 is a month of a $1/h instance (720 h at 20 % off).
    assertThat(Discounts.months(576, 1.0, 0.4)).isCloseTo(1.0, Offset.offset(1e-9));
    // Six months at 40 % off: 6 × 720 × 0.6.
    assertThat(Discounts.months(2592, 1.0, 0.4)).isCloseTo(6.0, Offset.offset(1e-9));
    assertThat(Discounts.months(0, 1.0, 0.4)).isZero();
  }

  @Test
  void aDepositPaysGpuHoursAtItsDiscountUntilUsedUpThenTheCreditPaysFullPrice() {
    Instant start = Instant.parse("2026-12-02T00:00:00Z");
    Contract contract = new Contract(1, 1, start, new Rates(1.0, 0, 0), false, Usage.GPU_AND_STORAGE);
    // $8 is a small fraction of a month: a small discount, a little over eight hours.
    Contract.Deposit deposit = contract.deposit(start, 8.0);
    double hours = 8.0 / (1 - deposit.discount());
    Cost day = contract.cost(start, start.plus(Duration.ofHours(24)), start.plus(Duration.ofHours(24)));
    assertThat(day.reservedHours()).isCloseTo(hours, EXACT);
    assertThat(day.fromDeposit()).isCloseTo(8.0, EXACT);
    assertThat(day.gpu()).as("the rest at $1/h").isCloseTo(8.0 + (24 - hours), EXACT);
    assertThat(contract.reserve(start.plus(Duration.ofHours(24))).left()).isZero();
    assertThat(day.fromCredit()).isCloseTo(24 - hours, EXACT);
  }
}
