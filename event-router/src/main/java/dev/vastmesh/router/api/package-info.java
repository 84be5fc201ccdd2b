@NullMarked
package dev.vastmesh.router.api;

import org.jspecify.annotations.NullMarked;
