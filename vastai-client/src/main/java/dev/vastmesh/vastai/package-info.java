@NullMarked
package dev.vastmesh.vastai;

import org.jspecify.annotations.NullMarked;
