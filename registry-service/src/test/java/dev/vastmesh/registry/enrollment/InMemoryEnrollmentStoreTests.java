package dev.vastmesh.registry.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InMemoryEnrollmentStoreTests extends EnrollmentStoreContractTests {

  @Override
  EnrollmentStore newStore() {
    return new InMemoryEnrollmentStore();
  }

  @Test
  void mintingForgetsWhatIsPastItsRetention() {
    store.save(enrollment("old", null), EXPIRES);
    Enrollment later = new Enrollment("new", null, null, "ci", EXPIRES, EXPIRES.plusSeconds(60));

    store.save(later, EXPIRES.plusSeconds(120));

    assertThat(store.find("old")).isEmpty();
    assertThat(store.find("new")).isPresent();
  }
}
