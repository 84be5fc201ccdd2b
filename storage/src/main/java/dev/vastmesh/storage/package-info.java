/**
 * Artifacts on an S3-compatible store (MinIO on the NAS): {@link dev.vastmesh.storage.StorageClient} for listing, transfers and presigned URLs, {@link dev.vastmesh.storage.StorageSettings} for where and how to reach it. A plain library, no Spring.
 */
@NullMarked
package dev.vastmesh.storage;

import org.jspecify.annotations.NullMarked;
