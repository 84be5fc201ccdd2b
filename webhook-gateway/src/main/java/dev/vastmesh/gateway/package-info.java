@NullMarked
package dev.vastmesh.gateway;

import org.jspecify.annotations.NullMarked;
