@NullMarked
package dev.vastmesh.router.delivery;

import org.jspecify.annotations.NullMarked;
