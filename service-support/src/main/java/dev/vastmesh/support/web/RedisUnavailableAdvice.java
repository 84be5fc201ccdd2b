package dev.vastmesh.support.web;

import io.lettuce.core.RedisException;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Redis unreachable or timing out as Lettuce itself reports it (code that talks to Lettuce
 * directly, such as the gateway's rate-limit buckets): answered as {@link StoreUnavailableAdvice}
 * answers Spring Data's errors.
 */
@RestControllerAdvice
public class RedisUnavailableAdvice implements Ordered {

  @ExceptionHandler(RedisException.class)
  ResponseEntity<?> redisUnavailable(RedisException e) {
    return StoreUnavailableAdvice.answer(e);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
