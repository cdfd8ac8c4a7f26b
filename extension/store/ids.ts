/**
 * Ids the content decides. Two devices that save the same posting (or import the same CV version) offline make the
 * same record, which sync then merges by last-writer-wins instead of keeping two. Records that existed before v3 keep
 * their random ids. All are plain string operations, so they can be made inside a Dexie transaction.
 */

/** A job first saved with this content hash. (An edited posting keeps the id it was first saved under.) */
export function jobIdFor(contentHash: string): string {
  return `job-${contentHash.slice(0, 40)}`;
}

/** A job has one application: its id follows from the job's. */
export function applicationIdFor(jobId: string): string {
  return `app-${jobId}`;
}

/** A CV's version with this content: the same content is one version of that CV, on every device. */
export function cvVersionIdFor(cvId: string, contentHash: string): string {
  return `cvv-${cvId}-${contentHash.slice(0, 40)}`;
}
