package dev.vastmesh.costmonitor.registry;

/** The registry could not be read (or did not take a deregistration); nothing is concluded from it. */
public final class RegistryUnavailableException extends RuntimeException {

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public RegistryUnavailableException(String message) {
    super(message);
  }

  private static final long serialVersionUID = 1L;
}
