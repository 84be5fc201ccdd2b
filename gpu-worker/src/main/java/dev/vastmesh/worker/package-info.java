@NullMarked
package dev.vastmesh.worker;

import org.jspecify.annotations.NullMarked;
