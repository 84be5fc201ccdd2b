package dev.vastmesh.simulator.account;

/** An account of the simulator: who a Vast API key belongs to, and what it started with. */
public record SimAccount(long userId, String email, double initialCredit, double lowBalanceThreshold) {
}
