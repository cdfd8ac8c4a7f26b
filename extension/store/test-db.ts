// Test helpers for the store (imported by tests only; never bundled). Test files import 'fake-indexeddb/auto' first,
// before anything loads Dexie, so Dexie finds the fake IndexedDB.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCvText } from '../../shared/engine/cv-text-parser';
import { jobFromText } from '../../shared/engine/job-text-parser';
import type { Cv } from '../../shared/schema/cv';
import type { JobPostingInput } from '../../shared/schema/job-posting';
import { openDb, type CvPathDb, type OutboxRecord } from './db';

const EXAMPLES = join(import.meta.dirname, '../../examples');

/** A database of its own for one test. */
export function freshDb(): CvPathDb {
  return openDb(`cvpath-test-${crypto.randomUUID()}`);
}

/** The outbox as `entity:op:id` lines, in the order the changes were made. */
export async function outboxLines(d: CvPathDb): Promise<string[]> {
  const rows: OutboxRecord[] = await d.outbox.orderBy('seq').toArray();
  return rows.map((o) => `${o.entity}:${o.op}:${o.entityId}`);
}

/** The example master CV, structured as an import would leave it. */
export function sampleCv(): Cv {
  return parseCvText(readFileSync(join(EXAMPLES, 'cv.txt'), 'utf8')).cv;
}

/** The example posting as a content script would send it. */
export function samplePosting(extra: Partial<JobPostingInput> = {}): JobPostingInput {
  const job = jobFromText(readFileSync(join(EXAMPLES, 'job.txt'), 'utf8'));
  return { ...job, url: 'https://boards.example.com/jobs/42', site: 'greenhouse', scrapedAt: '2026-11-01T10:00:00.000Z', ...extra };
}
