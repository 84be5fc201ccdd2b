package dev.vastmesh.registry.enrollment;

/** What consuming an enrollment token found, decided atomically with the consumption. */
public sealed interface Consumption {

  /** It was fresh and is now spent: the caller may register. */
  record Consumed(Enrollment enrollment) implements Consumption {
  }

  /** It was spent before: a replay, or the loser of a race. */
  record AlreadyUsed() implements Consumption {
  }

  /** Its time ran out before it was used. */
  record Expired() implements Consumption {
  }

  /** Never minted here, or forgotten after its retention. */
  record Unknown() implements Consumption {
  }
}
