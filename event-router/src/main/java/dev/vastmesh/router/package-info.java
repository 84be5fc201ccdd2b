@NullMarked
package dev.vastmesh.router;

import org.jspecify.annotations.NullMarked;
