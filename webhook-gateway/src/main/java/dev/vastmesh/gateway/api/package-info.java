@NullMarked
package dev.vastmesh.gateway.api;

import org.jspecify.annotations.NullMarked;
