/**
 * Downloads by plain HTTP (a presigned GET URL), resumed with Range requests and checked against a SHA-256, for machines that hold no credentials.
 */
@NullMarked
package dev.vastmesh.storage.fetch;

import org.jspecify.annotations.NullMarked;
