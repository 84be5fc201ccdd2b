package dev.vastmesh.vastai;

/**
 * Every failure of a Vast.ai call. Transport failures (the API was not reached or did not answer)
 * are separate from API errors (it answered, and said no). Messages never contain the API key.
 */
public abstract sealed class VastException extends RuntimeException
    permits VastException.Transport, VastException.Api, VastException.MalformedResponse {

  VastException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The API could not be reached, or the connection failed (after the retries). */
  public static final class Transport extends VastException {
    public Transport(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The API answered with an error. */
  public static sealed class Api extends VastException permits Authentication, RateLimited, NotFound, OfferUnavailable {
    private final int status;

    public Api(int status, String message) {
      super("Vast.ai answered HTTP " + status + ": " + message, null);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** 401/403: the API key is missing, wrong, or lacks the permission. */
  public static final class Authentication extends Api {
    public Authentication(int status, String message) {
      super(status, message);
    }
  }

  /** 429 after every retry. */
  public static final class RateLimited extends Api {
    public RateLimited(String message) {
      super(429, message);
    }
  }

  /** 404 for an instance or another resource. */
  public static final class NotFound extends Api {
    public NotFound(String message) {
      super(404, message);
    }
  }

  /** Creating from an offer failed because the offer is gone or taken (e.g. 410). */
  public static final class OfferUnavailable extends Api {
    private final long offerId;

    public OfferUnavailable(int status, long offerId, String message) {
      super(status, message);
      this.offerId = offerId;
    }

    public long offerId() {
      return offerId;
    }
  }

  /** The answer was not what the contract promises (empty, not JSON, wrong shape). */
  public static final class MalformedResponse extends VastException {
    public MalformedResponse(String message) {
      super(message, null);
    }
  }

  private static final long serialVersionUID = 1L;
}
