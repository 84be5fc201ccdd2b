package dev.vastmesh.gateway.ingest;

import dev.vastmesh.gateway.signature.WebhookHeaders;
import org.jspecify.annotations.Nullable;

/** One webhook as received: raw bytes, untouched. */
public record WebhookRequest(String source, WebhookHeaders headers, @Nullable String contentType, byte[] body, String client) {
}
