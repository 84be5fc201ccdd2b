/**
 * Test doubles other modules' tests use too (shipped in this module's test jar): a real S3
 * server and a tailscaled LocalAPI on a unix socket.
 */
@NullMarked
package dev.vastmesh.storage.testing;

import org.jspecify.annotations.NullMarked;
