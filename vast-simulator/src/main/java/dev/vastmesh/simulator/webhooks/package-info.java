@NullMarked
package dev.vastmesh.simulator.webhooks;

import org.jspecify.annotations.NullMarked;
