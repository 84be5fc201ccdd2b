/**
 * Vast.ai's offer search language, as its CLI parses {@code search offers QUERY -o ORDER}; stricter
 * only where Vast's CLI would send what its API cannot use (an unknown field, a driver version
 * without dots, an order name that is no column name).
 */
@NullMarked
package dev.vastmesh.vastai.search;

import org.jspecify.annotations.NullMarked;
