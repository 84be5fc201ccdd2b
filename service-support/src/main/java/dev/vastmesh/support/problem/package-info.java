@NullMarked
package dev.vastmesh.support.problem;

import org.jspecify.annotations.NullMarked;
