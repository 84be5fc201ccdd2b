@NullMarked
package dev.vastmesh.vastai.deploy;

import org.jspecify.annotations.NullMarked;
