package dev.vastmesh.registry.store;

class InMemoryInstanceStoreTests extends InstanceStoreContractTests {

  @Override
  InstanceStore newStore() {
    return new InMemoryInstanceStore();
  }
}
