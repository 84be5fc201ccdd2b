@NullMarked
package dev.vastmesh.vastai.internal;

import org.jspecify.annotations.NullMarked;
