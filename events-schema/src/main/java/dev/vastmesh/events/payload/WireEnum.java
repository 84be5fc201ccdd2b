package dev.vastmesh.events.payload;

/** An enum whose JSON spelling differs from its constant name. */
public interface WireEnum {

  /** The value as it appears in JSON. */
  String wire();
}
