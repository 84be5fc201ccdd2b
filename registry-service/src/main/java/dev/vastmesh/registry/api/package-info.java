@NullMarked
package dev.vastmesh.registry.api;

import org.jspecify.annotations.NullMarked;
