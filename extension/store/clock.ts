let last = 0;

/**
 * The time a record is stamped with, as an ISO string. Never the same or earlier than the previous stamp in this
 * context, so "newest first" orders two writes of the same millisecond the way they happened.
 */
export function stamp(now = Date.now()): string {
  last = Math.max(now, last + 1);
  return new Date(last).toISOString();
}
