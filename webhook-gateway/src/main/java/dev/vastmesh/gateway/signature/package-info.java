@NullMarked
package dev.vastmesh.gateway.signature;

import org.jspecify.annotations.NullMarked;
