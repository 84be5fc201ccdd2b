@NullMarked
package dev.vastmesh.router.routing;

import org.jspecify.annotations.NullMarked;
