package dev.vastmesh.costmonitor.sampling;

/** A sample taken, or skipped with the reason. A skipped sample leads to no action at all. */
public sealed interface SampleOutcome {

  record Taken(Sample sample) implements SampleOutcome {
  }

  record Skipped(SampleFailure failure) implements SampleOutcome {
  }
}
