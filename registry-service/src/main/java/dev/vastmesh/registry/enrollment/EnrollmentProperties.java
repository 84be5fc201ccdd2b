package dev.vastmesh.registry.enrollment;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Enrollment tokens, under {@value #PREFIX}.
 *
 * @param defaultTtl how long a token admits a registration when minted without {@code ttl_seconds}
 * @param maxTtl the longest life a mint may ask for
 * @param retention how long past its expiry a token is remembered, so a replay or a late use
 *     gets its precise answer (409 used, 401 expired) rather than "not valid"
 */
@Validated
@ConfigurationProperties(EnrollmentProperties.PREFIX)
public record EnrollmentProperties(
    @DefaultValue("1h") @NotNull Duration defaultTtl,
    @DefaultValue("24h") @NotNull Duration maxTtl,
    @DefaultValue("24h") @NotNull Duration retention) {

  public static final String PREFIX = "vastmesh.registry.enrollment";
}
