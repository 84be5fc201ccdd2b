/**
 * {@code vastai storage}: the store on the NAS from CI jobs, runners and laptops — ls, cp, sync,
 * presign, check-planes — on the plane the plane rule allows.
 */
@NullMarked
package dev.vastmesh.vastai.cli.storage;

import org.jspecify.annotations.NullMarked;
