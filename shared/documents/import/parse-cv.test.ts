import { describe, expect, it } from 'vitest';
import { agentOf, brainResponder } from '../../../test/fake-llm/brain';
import type { FakeResponder } from '../../../test/fake-llm/server';
import { useFakeLlm } from '../../../test/fake-llm/use-fake-llm';
import { fakeSpec, NOW } from '../../../test/helpers';
import { decodeContext } from '../../prompt/builder';
import { parseCvText } from '../../engine/cv-text-parser';
import { ResilientCaller } from '../../providers/chain';
import { toJsonResume } from '../../schema/json-resume';
import { parseCvWithChain } from './parse-cv';

const CV = `Jane Doe
Platform Engineer
jane.doe@example.com · +44 20 7946 0000 · Leeds, UK

Experience

Senior Platform Engineer — Acme Ltd
Jun 2020 – Present
- Cut build times by 40% across 12 services
- Led the migration of 30 repositories to TypeScript

Software Engineer — Globex
2017 – 2020
- Built the billing API used by 2 million customers
- Wrote the incident runbooks the team still uses

Education

BSc Computer Science, University of Leeds, 2013 – 2017

Skills

Languages: TypeScript, Python, SQL
`;

const quickCaller = () => new ResilientCaller({ baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50, attemptTimeoutMs: 5000 });
const getFake = useFakeLlm(() => brainResponder());

/** A model that reads the CV as the offline parser does, then changes the JSON Resume it answers with `edit`. */
type Resume = { basics: { email?: string; phone?: string; profiles?: { network?: string; url?: string }[] }; work: { name?: string; position?: string; startDate?: string; highlights: string[] }[] };
function modelThat(edit: (resume: Resume) => void): FakeResponder {
  return (req) => {
    const resume = toJsonResume(parseCvText(String((decodeContext(req.user)!.context as { cv: string }).cv)).cv) as unknown as Resume;
    edit(resume);
    return { type: 'text', text: JSON.stringify(resume) };
  };
}

const parse = (over: { text?: string } = {}) => parseCvWithChain({ text: over.text ?? CV, chain: [fakeSpec('openai', getFake().url)], caller: quickCaller(), now: NOW });

describe('parseCvWithChain', () => {
  it('reads through the provider, and marks where the offline reading differs', async () => {
    getFake().setResponder(modelThat((r) => {
      r.work[0]!.startDate = '2020'; // a model that keeps only the year
      r.work[1]!.position = 'Engineer'; // and shortens a title (every word of it is in the CV)
    }));
    const r = await parse();
    expect(r.source).toBe('llm');
    expect(r.model).toBe('openai:gpt-4o-mini');
    expect(r.fallbackReason).toBeUndefined();
    expect(getFake().requests.map(agentOf)).toEqual(['CV_PARSER']);
    expect(r.cv.work[0]!.startDate).toBe('2020');
    expect(r.disagreements).toEqual([
      { path: 'work.0.startDate', entryId: 'w1', field: 'startDate', llm: '2020', offline: '2020-06' },
      { path: 'work.1.position', entryId: 'w2', field: 'position', llm: 'Engineer', offline: 'Software Engineer' },
    ]);
    // bullets keep the ids the importers give, in document order: provenance points at them
    expect(r.cv.work[1]!.highlights.map((h) => h.id)).toEqual(['w2h1', 'w2h2']);
  });

  it('names the roles only one reader found: one the model merged away, one it made up from a page break', async () => {
    getFake().setResponder(modelThat((r) => {
      const globex = r.work.pop()!;
      r.work[0]!.highlights.push(...globex.highlights); // Globex read into Acme
      r.work.push({ name: 'Acme Ltd', position: '', highlights: ['Led the migration of 30 repositories to TypeScript'] });
    }));
    const r = await parse();
    expect(r.disagreements.filter((d) => d.field === 'entry')).toEqual([
      { path: 'work.1', entryId: 'w2', field: 'entry', llm: 'Acme Ltd' },
      { path: 'work', field: 'entry', offline: 'Software Engineer · Globex (2017 – 2020)' },
    ]);
  });

  it('finds no disagreement when both readings agree', async () => {
    const r = await parse();
    expect(r.source).toBe('llm');
    expect(r.disagreements).toEqual([]);
    expect(r.dropped).toEqual([]);
  });

  it('drops every value the model wrote that the CV does not say, and says what it dropped', async () => {
    getFake().setResponder(modelThat((r) => {
      r.work.unshift({ name: 'Goldman Sachs', position: 'Vice President', startDate: '2015-01', highlights: ['Led the trading desk'] });
      r.work[1]!.highlights.push('Increased revenue by 347%');
      r.work[2]!.startDate = '2017-09'; // the CV says 2017, never September
      r.basics.email = 'jane@invented.example';
      r.basics.phone = '+44 20 0000 7946'; // the CV's digit groups, in another order
      r.basics.profiles = [{ network: 'LinkedIn', url: 'https://linkedin.com/in/jane-doe' }];
    }));
    const r = await parse();
    expect(r.source).toBe('llm');
    const all = JSON.stringify(r.cv);
    for (const invented of ['Goldman Sachs', '347%', 'invented.example', '2017-09', '0000 7946', 'linkedin.com']) expect(all).not.toContain(invented);
    expect(r.cv.work.map((w) => w.name)).toEqual(['Acme Ltd', 'Globex']);
    expect(r.cv.work[1]!.startDate).toBe('2017'); // no more precise than the CV
    expect(r.dropped).toEqual(expect.arrayContaining(['Goldman Sachs', 'Increased revenue by 347%', '2017-09']));
    // what the model got right still counts: the offline reading agrees once the inventions are gone
    expect(r.disagreements.filter((d) => d.path.startsWith('work'))).toEqual([]);
    expect(r.disagreements).toContainEqual({ path: 'basics.email', field: 'email', offline: 'jane.doe@example.com' });
    expect(r.disagreements).toContainEqual({ path: 'basics.phone', field: 'phone', offline: '+44 20 7946 0000' });
  });

  it('keeps contact details the CV writes, however the model spells the link', async () => {
    const text = CV.replace('Leeds, UK', 'Leeds, UK · linkedin.com/in/janedoe');
    getFake().setResponder(modelThat((r) => {
      r.basics.phone = '+44 (20) 7946-0000';
      r.basics.profiles = [{ network: 'LinkedIn', url: 'https://www.linkedin.com/in/janedoe/' }];
    }));
    const r = await parse({ text });
    expect(r.cv.basics.phone).toBe('+44 (20) 7946-0000');
    expect(r.cv.basics.profiles).toEqual([{ network: 'LinkedIn', url: 'https://www.linkedin.com/in/janedoe/' }]);
    expect(r.dropped).toEqual([]);
  });

  it('keeps a month the CV states, in any of the ways CVs write it', async () => {
    const text = CV.replace('Jun 2020 – Present', '06/2020 – Present');
    const r = await parse({ text });
    expect(r.cv.work[0]!.startDate).toBe('2020-06');
  });

  it('falls back to the offline reading when the model reads nothing that is in the CV', async () => {
    getFake().setResponder(() => ({ type: 'text', text: JSON.stringify({ basics: { name: 'John Smith' }, work: [{ name: 'Initech', position: 'CEO', startDate: '1999' }] }) }));
    const r = await parse();
    expect(r.source).toBe('offline');
    expect(r.cv.basics.name).toBe('Jane Doe');
    expect(r.fallbackReason?.code).toBe('PROVIDER_BAD_OUTPUT');
    expect(r.dropped).toEqual(expect.arrayContaining(['John Smith', 'Initech']));
  });

  it('falls back to the offline reading, with a coded reason, when the answer is not a CV', async () => {
    getFake().setResponder(() => ({ type: 'text', text: 'I am sorry, I cannot read CVs. {"work": "none"' }));
    const r = await parse();
    expect(r.source).toBe('offline');
    expect(r.cv).toEqual(parseCvText(CV).cv);
    expect(r.disagreements).toEqual([]);
    expect(r.fallbackReason).toMatchObject({ code: 'PROVIDER_BAD_OUTPUT', message: expect.stringContaining('openai:gpt-4o-mini') });
    expect(r.fallbackReason!.hint).toMatch(/offline reading/);
    expect(getFake().requests).toHaveLength(2); // the answer, and the one repair round-trip
  });

  it('falls back with the provider error as the reason when the provider refuses', async () => {
    getFake().setResponder(() => ({ type: 'status', status: 401, message: 'Incorrect API key provided' }));
    const r = await parse();
    expect(r.source).toBe('offline');
    expect(r.fallbackReason?.code).toBe('PROVIDER_AUTH');
    expect(r.fallbackReason?.message).not.toMatch(/sk-test/);
  });

  it('falls back when the provider takes longer than the import may', async () => {
    getFake().setResponder(() => ({ type: 'hang' }));
    const r = await parseCvWithChain({ text: CV, chain: [fakeSpec('openai', getFake().url)], caller: quickCaller(), budgetMs: 300, now: NOW });
    expect(r.source).toBe('offline');
    expect(r.fallbackReason?.code).toBe('PROVIDER_TIMEOUT');
  });

  it('reads offline, asking no provider, when none is configured', async () => {
    const r = await parseCvWithChain({ text: CV, chain: [{ provider: 'offline', model: 'rules' }] });
    expect(r).toMatchObject({ source: 'offline', disagreements: [], dropped: [] });
    expect(r.fallbackReason).toBeUndefined();
    expect(getFake().requests).toHaveLength(0);
  });

  it('refuses empty text with a coded error', async () => {
    await expect(parseCvWithChain({ text: '  \n', chain: [] })).rejects.toMatchObject({ code: 'CV_EMPTY' });
  });
});
