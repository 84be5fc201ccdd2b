@NullMarked
package dev.vastmesh.router.deadletter;

import org.jspecify.annotations.NullMarked;
