@NullMarked
package dev.vastmesh.gateway.mapping;

import org.jspecify.annotations.NullMarked;
