package dev.vastmesh.costmonitor.store;

/** Which replica acts: only the holder samples, accounts, enforces and reaps. */
public interface Lease {

  /** Takes or renews the lease; true while this replica holds it. */
  boolean acquire();

  /** Gives it up (shutdown), so another replica takes over without waiting for the TTL. */
  void release();

  /** One replica alone always holds it. */
  Lease ALONE = new Lease() {
    @Override
    public boolean acquire() {
      return true;
    }

    @Override
    public void release() {
    }
  };
}
