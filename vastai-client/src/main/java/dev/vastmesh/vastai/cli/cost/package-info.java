/**
 * {@code vastai cost report} (what Vast billed, grouped) and {@code vastai cost estimate} (what
 * live offers would cost). Both read only what Vast answered in full: a failed, partial or
 * malformed answer is an error, never a smaller figure.
 */
@NullMarked
package dev.vastmesh.vastai.cli.cost;

import org.jspecify.annotations.NullMarked;
