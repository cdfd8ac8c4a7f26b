import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { Application, type ApplicationInput } from '../../../shared/schema/application';
import type { Cv } from '../../../shared/schema/cv';
import type { JobPosting } from '../../../shared/schema/job-posting';
import type { Run } from '../../../shared/schema/run';
import { DATABASES, type TestDatabase } from '../../test/databases';
import { applications, cvVersions, settings, users, type ApplicationRow, type CvVersionRow, type JobRow, type RunRow } from '.';

// Row shapes are checked against the shared zod schemas: a field added to Application must find a column here.
type ApplicationFields = Omit<Application, 'funnel' | 'steps' | 'createdAt' | 'updatedAt'>;
type RowFields = { [K in keyof ApplicationFields]-?: ApplicationRow[K] };

describe('row shapes follow shared/schema', () => {
  it('an application row holds every Application field with the same type', () => {
    expectTypeOf<keyof ApplicationFields>().toExtend<keyof ApplicationRow>();
    expectTypeOf<Required<{ [K in keyof ApplicationFields]: NonNullable<ApplicationFields[K]> }>>().toEqualTypeOf<{ [K in keyof RowFields]: NonNullable<RowFields[K]> }>();
    expectTypeOf<NonNullable<ApplicationRow['workflowStep']>>().toEqualTypeOf<NonNullable<Application['funnel']>['step']>();
    expectTypeOf<ApplicationRow['reachedAt']>().toEqualTypeOf<NonNullable<Application['funnel']>['reachedAt']>();
  });
  it('snapshots are typed by their zod schemas', () => {
    expectTypeOf<RunRow['snapshot']>().toEqualTypeOf<Run>();
    expectTypeOf<CvVersionRow['cv']>().toEqualTypeOf<Cv>();
    expectTypeOf<JobRow['posting']>().toEqualTypeOf<JobPosting>();
  });
});

describe.each(DATABASES)('rows on $kind', ({ create }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await create();
    await t.handle.db.insert(users).values({ id: 'u1', isAnonymous: true });
  });
  afterAll(() => t.drop());

  it('an Application goes in as columns and comes back as the same Application', async () => {
    const input: ApplicationInput = {
      id: 'a1', jobId: 'j1', company: 'Acme', title: 'Engineer', status: 'interviewing',
      statusHistory: [{ status: 'saved', at: '2025-01-02T10:00:00.000Z' }, { status: 'interviewing', at: '2025-01-05T10:00:00.000Z' }],
      steps: [{ id: 's1', kind: 'screen', title: 'Phone screen', at: '2025-01-06T09:00:00.000Z' }],
      notes: 'Ask about the team', createdAt: '2025-01-02T10:00:00.000Z', updatedAt: '2025-01-05T10:00:00.000Z',
      funnel: { step: 'applied', reached: { saved: true, tailored: true, applied: true }, reachedAt: { saved: '2025-01-02T10:00:00.000Z' } },
    };
    const app = Application.parse(input);
    const { funnel, createdAt, updatedAt, steps, ...fields } = app;
    await t.handle.db.insert(applications).values({
      ...fields, userId: 'u1', deviceId: 'd1', createdAt: new Date(createdAt), updatedAt: new Date(updatedAt),
      workflowStep: funnel!.step, reached: funnel!.reached, reachedAt: funnel!.reachedAt,
    });
    const [row] = await t.handle.db.select().from(applications).where(eq(applications.id, 'a1'));
    expect(row!.serverSeq).toBeGreaterThan(0);
    const back = Application.parse({
      id: row!.id, jobId: row!.jobId, company: row!.company, title: row!.title, status: row!.status,
      statusHistory: row!.statusHistory, steps, notes: row!.notes,
      createdAt: row!.createdAt.toISOString(), updatedAt: row!.updatedAt.toISOString(),
      funnel: { step: row!.workflowStep!, reached: row!.reached, reachedAt: row!.reachedAt },
    });
    expect(back).toEqual(app);
  });

  it('every write takes a later server sequence number, across tables', async () => {
    const now = new Date();
    await t.handle.db.insert(settings).values({ userId: 'u1', id: 'settings', deviceId: 'd1', createdAt: now, updatedAt: now });
    await t.handle.db.insert(applications).values({ userId: 'u1', id: 'a2', jobId: 'j2', deviceId: 'd1', createdAt: now, updatedAt: now });
    const [s] = await t.handle.db.select().from(settings);
    const [a] = await t.handle.db.select().from(applications).where(eq(applications.id, 'a2'));
    expect(a!.serverSeq).toBeGreaterThan(s!.serverSeq);
  });

  it('settings are one row per user', async () => {
    const now = new Date();
    await expect(t.handle.db.insert(settings).values({ userId: 'u1', id: 'other', deviceId: 'd1', createdAt: now, updatedAt: now })).rejects.toThrow();
  });

  it('a CV version is stored once per CV and content', async () => {
    const now = new Date();
    const version = { userId: 'u1', cvId: 'cv1', contentHash: 'a'.repeat(64), cv: { basics: { name: 'Ada' } } as Cv, source: { kind: 'text' as const }, deviceId: 'd1', createdAt: now, updatedAt: now };
    await t.handle.db.insert(cvVersions).values({ ...version, id: 'v1' });
    await expect(t.handle.db.insert(cvVersions).values({ ...version, id: 'v2' })).rejects.toThrow();
    await t.handle.db.insert(cvVersions).values({ ...version, id: 'v3', cvId: 'cv2' });
  });
});
