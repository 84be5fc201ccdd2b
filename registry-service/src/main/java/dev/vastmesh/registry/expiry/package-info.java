@NullMarked
package dev.vastmesh.registry.expiry;

import org.jspecify.annotations.NullMarked;
