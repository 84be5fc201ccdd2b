/**
 * Vast.ai's offer search language, exactly as its CLI parses {@code search offers 'QUERY' -o ORDER}.
 */
@NullMarked
package dev.vastmesh.vastai.search;

import org.jspecify.annotations.NullMarked;
