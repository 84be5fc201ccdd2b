/**
 * The two network planes (public through the Cloudflare tunnel, private over Tailscale), where the code runs, and the rule that joins them: a Vast instance only public, a local runner private first, never a private address on the public plane or the reverse.
 */
@NullMarked
package dev.vastmesh.storage.planes;

import org.jspecify.annotations.NullMarked;
