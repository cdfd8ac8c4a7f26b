import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { agentOf, brainResponder } from '../../test/fake-llm/brain';
import { useFakeLlm } from '../../test/fake-llm/use-fake-llm';
import { ResilientCaller } from '../../shared/providers/chain';
import { saveProvider, setAgentChain, setChain } from '../store/settings';
import { freshDb } from '../store/test-db';
import { backgroundHandlers } from './handlers';

const KEY = 'sk-test-openai-0123456789abcdef';
const CV = 'Jane Doe\njane@example.com\n\nExperience\n\nEngineer — Acme Ltd\n2019 – 2022\n- Built the billing API\n\nEducation\n\nBSc Physics, University of Leeds, 2015 – 2018\n';
const getFake = useFakeLlm(() => brainResponder());

/** The handlers as the worker wires them, on a database of their own; the page-only dependencies are never called. */
async function handlersWithProvider(own?: 'offline') {
  const d = freshDb();
  const p = await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY, baseUrl: `${getFake().url}/v1` }, d);
  await setChain([p.id], d);
  if (own === 'offline') await setAgentChain('CV_PARSER', [], d);
  const unused = () => Promise.reject(new Error('not used here'));
  return backgroundHandlers({ db: d, runs: { start: unused }, openDashboard: unused, openOptions: unused, scrapeTab: unused, caller: new ResilientCaller({ baseDelayMs: 1, attemptTimeoutMs: 5000 }) });
}

describe("the worker's cv:parse", () => {
  it('reads the CV through the user\'s provider, with the decrypted key going only there', async () => {
    const h = await handlersWithProvider();
    const r = await h['cv:parse']!({ text: CV }, {});
    expect(r).toMatchObject({ source: 'llm', model: 'openai:gpt-4o-mini', disagreements: [] });
    expect(r.cv.work[0]).toMatchObject({ name: 'Acme Ltd', position: 'Engineer' });
    expect(getFake().requests.map(agentOf)).toEqual(['CV_PARSER']);
    expect(getFake().requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('reads offline when the user gave CV reading its own, empty, chain', async () => {
    const h = await handlersWithProvider('offline');
    const r = await h['cv:parse']!({ text: CV }, {});
    expect(r.source).toBe('offline');
    expect(r.fallbackReason).toBeUndefined();
    expect(getFake().requests).toHaveLength(0);
  });

  it('still reads the CV offline, saying why, when the stored key cannot be decrypted', async () => {
    const d = freshDb();
    const p = await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY, baseUrl: `${getFake().url}/v1` }, d);
    await setChain([p.id], d);
    await d.vault.clear(); // the browser lost the device key (a profile restored without it)
    const unused = () => Promise.reject(new Error('not used here'));
    const h = backgroundHandlers({ db: d, runs: { start: unused }, openDashboard: unused, openOptions: unused, scrapeTab: unused });
    const r = await h['cv:parse']!({ text: CV }, {});
    expect(r.source).toBe('offline');
    expect(r.cv.work[0]!.name).toBe('Acme Ltd');
    expect(r.fallbackReason).toMatchObject({ code: 'PROVIDER_CONFIG', message: expect.stringContaining('could not be decrypted'), hint: expect.stringContaining('API key again') });
    expect(getFake().requests).toHaveLength(0);
  });

  it('refuses what cannot be a CV with a coded error', async () => {
    const h = await handlersWithProvider();
    await expect(Promise.resolve(h['cv:parse']!({ text: 'x'.repeat(200_001) }, {}))).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });
    await expect(Promise.resolve(h['cv:parse']!({ text: 42 as unknown as string }, {}))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});

describe("the worker's answers to the page control", () => {
  const unused = () => Promise.reject(new Error('not used here'));

  it('says what shows a posting at an address, from the board adapters the content script does not carry', async () => {
    const h = backgroundHandlers({ db: freshDb(), runs: { start: unused }, openDashboard: unused, openOptions: unused, scrapeTab: unused });
    const probe = async (url: string) => (await h['page:probe']!({ url }, { tabId: 1 })).selector;
    // a posting (also the pane of a search, single-page navigation) and a country host: the board's probe, or a heading
    expect(await probe('https://www.linkedin.com/jobs/view/4012345678/')).toMatch(/#job-details.*, h1$/);
    expect(await probe('https://au.linkedin.com/jobs/search/?currentJobId=4012345678')).toMatch(/, h1$/);
    expect(await probe('https://uk.indeed.com/viewjob?jk=8c1d2e3f4a5b6c7d')).toContain('#jobDescriptionText');
    // a board's feed or list: only JobPosting JSON-LD would make it a posting
    expect(await probe('https://www.linkedin.com/feed/')).toBeNull();
    expect(await probe('https://www.indeed.com/')).toBeNull();
    await expect((async () => h['page:probe']!({ url: 'not an address' }, { tabId: 1 }))()).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });

  it("reads only the sender's own tab, and nothing for a sender without one", async () => {
    const asked: number[] = [];
    const scrapeTab = async ({ tabId }: { tabId: number }) => (asked.push(tabId), { posting: null, failures: [] });
    const h = backgroundHandlers({ db: freshDb(), runs: { start: unused }, openDashboard: unused, openOptions: unused, scrapeTab });
    await h['page:read']!({}, { tabId: 7 });
    expect(asked).toEqual([7]);
    await expect((async () => h['page:read']!({}, {}))()).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});
