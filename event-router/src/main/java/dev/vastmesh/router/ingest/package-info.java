@NullMarked
package dev.vastmesh.router.ingest;

import org.jspecify.annotations.NullMarked;
