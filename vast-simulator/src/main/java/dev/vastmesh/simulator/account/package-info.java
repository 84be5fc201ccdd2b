@NullMarked
package dev.vastmesh.simulator.account;

import org.jspecify.annotations.NullMarked;
