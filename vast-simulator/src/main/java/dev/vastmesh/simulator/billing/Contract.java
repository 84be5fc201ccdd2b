package dev.vastmesh.simulator.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One instance's bill: the spans of what it used, per second, from creation until destroyed; its
 * traffic, booked by the simulated minute it happened in; and its prepaid deposits. Kept after
 * destroy, since its charges stay on the account.
 *
 * <p>A deposit pays the instance's GPU hours from the moment it is made, at the discount it earned,
 * until it is used up; the next deposit adds to what is left and sets a new discount for the whole.
 */
public final class Contract {

  private record Span(Instant start, @Nullable Instant end, Usage usage) {
  }

  /**
   * A prepay: from {@code at} on, {@code balance} (what was left plus {@code amount}) pays GPU hours
   * at {@code discount} off.
   */
  public record Deposit(Instant at, double amount, double balance, double discount, double months) {
  }

  /** What the deposits stand at, at one moment. */
  public record Reserve(double left, double saved, double discount, double months) {
  }

  private final long id;
  private final long userId;
  private final Instant created;
  private final Rates rates;
  private final boolean bid;
  private final List<Span> spans = new ArrayList<>();
  // Simulated epoch minute → {GB down, GB up}.
  private final TreeMap<Long, double[]> traffic = new TreeMap<>();
  private final List<Deposit> deposits = new ArrayList<>();
  private volatile @Nullable String label;

  Contract(long id, long userId, Instant created, Rates rates, boolean bid, Usage first) {
    this.id = id;
    this.userId = userId;
    this.created = created;
    this.rates = rates;
    this.bid = bid;
    spans.add(new Span(created, null, first));
  }

  public long id() {
    return id;
  }

  public long userId() {
    return userId;
  }

  public Instant created() {
    return created;
  }

  public Rates rates() {
    return rates;
  }

  /** An interruptible rental (Vast reserves on-demand ones only). */
  public boolean bid() {
    return bid;
  }

  public @Nullable String label() {
    return label;
  }

  public void label(@Nullable String value) {
    label = value;
  }

  /** Until destroyed. */
  public synchronized boolean open() {
    return spans.getLast().usage() != Usage.NONE;
  }

  /** From {@code at} on, the contract pays for {@code usage}. */
  public synchronized void change(Instant at, Usage usage) {
    Span open = spans.getLast();
    if (open.end() != null || open.usage() == usage) {
      return;
    }
    Instant from = at.isBefore(open.start()) ? open.start() : at;
    spans.set(spans.size() - 1, new Span(open.start(), from, open.usage()));
    spans.add(new Span(from, null, usage));
  }

  /** Books traffic of the instance at {@code at}: GB it downloaded and uploaded. */
  public synchronized void traffic(Instant at, double downGb, double upGb) {
    double[] minute = traffic.computeIfAbsent(Math.floorDiv(at.getEpochSecond(), 60), m -> new double[2]);
    minute[0] += downGb;
    minute[1] += upGb;
  }

  /** Every GB booked so far: {down, up}. */
  public synchronized double[] trafficTotal() {
    double[] total = new double[2];
    for (double[] minute : traffic.values()) {
      total[0] += minute[0];
      total[1] += minute[1];
    }
    return total;
  }

  /** Adds a deposit at {@code at}: what was left of the previous ones plus {@code amount}, its discount recomputed. */
  synchronized Deposit deposit(Instant at, double amount) {
    double balance = reserve(at).left() + amount;
    double months = Discounts.months(balance, rates.gpuPerHour(), rates.discountMax());
    Deposit deposit = new Deposit(at, amount, balance, Discounts.rate(months, rates.discountMax()), months);
    deposits.add(deposit);
    return deposit;
  }

  /** The deposits at {@code now}: what is left, what their discounts saved, the current discount and months. */
  public synchronized Reserve reserve(Instant now) {
    if (deposits.isEmpty()) {
      return new Reserve(0, 0, 0, 0);
    }
    Cost sinceLast = cost(deposits.getLast().at(), now, now);
    Cost all = cost(created, now, now);
    Deposit last = deposits.getLast();
    double left = last.balance() - sinceLast.fromDeposit();
    // A used-up deposit is used up, not a rounding residue.
    return new Reserve(left < 1e-9 ? 0 : left, all.saved(), last.discount(), last.months());
  }

  /** The usage in {@code [from, to)}, open spans counted up to {@code now}. */
  public synchronized Cost cost(Instant from, Instant to, Instant now) {
    double storage = 0;
    for (Span span : spans) {
      double hours = overlap(span, from, to, now);
      if (span.usage().storage()) {
        storage += hours;
      }
    }
    double gpuFrom = gpuHoursUntil(from, now);
    double gpuTo = Math.max(gpuFrom, gpuHoursUntil(to, now));
    double gpuHours = gpuTo - gpuFrom;
    double price = rates.gpuPerHour();
    double reservedHours = 0;
    double fromDeposit = 0;
    double saved = 0;
    for (int k = 0; k < deposits.size() && price > 0; k++) {
      Deposit deposit = deposits.get(k);
      double start = gpuHoursUntil(deposit.at(), now);
      double next = k + 1 < deposits.size() ? gpuHoursUntil(deposits.get(k + 1).at(), now) : Double.POSITIVE_INFINITY;
      double discounted = price * (1 - deposit.discount());
      double usedUp = start + deposit.balance() / discounted;
      double hours = Math.min(Math.min(gpuTo, next), usedUp) - Math.max(gpuFrom, start);
      if (hours > 0) {
        reservedHours += hours;
        fromDeposit += hours * discounted;
        saved += hours * price * deposit.discount();
      }
    }
    double downGb = 0;
    double upGb = 0;
    // The minutes that start inside [from, to), and not after now.
    long firstMinute = ceilMinute(from);
    long endMinute = Math.min(ceilMinute(to), Math.floorDiv(now.getEpochSecond(), 60) + 1);
    if (endMinute > firstMinute) {
      for (Map.Entry<Long, double[]> minute : traffic.subMap(firstMinute, endMinute).entrySet()) {
        downGb += minute.getValue()[0];
        upGb += minute.getValue()[1];
      }
    }
    double gpu = (gpuHours - reservedHours) * price + fromDeposit;
    return new Cost(gpuHours, gpu, reservedHours, fromDeposit, saved, storage, downGb, upGb, rates);
  }

  /** GPU hours used from creation until {@code at}. */
  private double gpuHoursUntil(Instant at, Instant now) {
    double hours = 0;
    for (Span span : spans) {
      if (span.usage().gpu()) {
        hours += overlap(span, Instant.MIN, at, now);
      }
    }
    return hours;
  }

  /** The first minute that starts at or after {@code at}. */
  private static long ceilMinute(Instant at) {
    if (at.equals(Instant.MAX) || at.getEpochSecond() > Long.MAX_VALUE / 2) {
      return Long.MAX_VALUE / 60;
    }
    if (at.getEpochSecond() < Long.MIN_VALUE / 2) {
      return Long.MIN_VALUE / 60;
    }
    return Math.ceilDiv(at.getEpochSecond() + (at.getNano() > 0 ? 1 : 0), 60);
  }

  private static double overlap(Span span, Instant from, Instant to, Instant now) {
    Instant end = span.end() == null ? now : span.end();
    Instant a = span.start().isAfter(from) ? span.start() : from;
    Instant b = end.isBefore(to) ? end : to;
    return b.isAfter(a) ? Duration.between(a, b).toNanos() / 3.6e12 : 0;
  }
}
