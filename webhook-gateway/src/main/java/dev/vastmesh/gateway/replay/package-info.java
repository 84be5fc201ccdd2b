@NullMarked
package dev.vastmesh.gateway.replay;

import org.jspecify.annotations.NullMarked;
