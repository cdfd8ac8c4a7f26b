/**
 * A reviewer's pass over the offline engine (issue 11, acceptance 3): tailors corpus CVs to corpus postings and writes
 * each pair's tailored CV PDF, cover letter PDF and a plain-text reading of both into a folder, so a person can look at
 * every page (`pdftoppm -r 60 -png`) and read the pair as a recruiter would.
 *
 *   npx tsx scripts/review-pairs.ts <out-dir> [count]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeFonts } from '../cli/documents';
import { buildCoverLetter, layoutCvPdf, renderCoverLetterPdf } from '../shared/documents/export';
import { runPipeline } from '../shared/pipeline/pipeline';
import { MemoryCache } from '../shared/pipeline/cache';
import { importCorpusCv, listCorpusCvs } from '../test/corpus/score-cvs';
import { corpusPostings } from '../test/corpus/pairs';
import { NOW } from '../test/helpers';

const [outDir, countArg] = process.argv.slice(2);
if (!outDir) {
  console.error('Usage: npx tsx scripts/review-pairs.ts <out-dir> [count]');
  process.exit(2);
}
const count = Number(countArg ?? 10);
mkdirSync(outDir, { recursive: true });

const postings = corpusPostings();
const cvs = listCorpusCvs();
// pairs a user might really make (a CV and a posting in its field), across ten template families and eleven boards
const PAIRS: [cv: string, posting: string][] = [
  ['jakes-resume/jakes-data-promotion', 'workday/wachtell-legal-billing-analyst'],
  ['sb2nov/sb2nov-software-promotion', 'workday/yahoo-backend-engineer-media-taiwan'],
  ['awesome-cv/awesome-marketing-manager', 'workday/hogan-lovells-marketing-coordinator'],
  ['two-column/twocol-designer-certs', 'workatastartup/mintlify-founding-product-designer'],
  ['jsonresume-stackoverflow/stackoverflow-finance-promotion', 'workday/norton-rose-fulbright-hris-analyst'],
  ['altacv/altacv-product-manager', 'workday/3m-process-improvement-pmo'],
  ['jsonresume-stackoverflow/stackoverflow-logistics-volunteer', 'talentreef/krispy-kreme-assistant-manager-cleveland'],
  ['deedy/deedy-swe-newgrad', 'company-careers/amazon-sde-amazon-access'],
  ['reactive-resume/rr-azurill', 'greenhouse/reddit-engineering-manager-service-foundation'],
  ['sb2nov/sb2nov-finance-analyst', 'company-careers/stripe-account-executive-mid-market'],
  ['rendercv/rendercv-classic', 'lever/anthropic-prompt-engineering-manager'],
  ['openresume/openresume-nurse-certs-awards', 'oracle-hcm/proskauer-project-assistant-boston'],
];
const fonts = nodeFonts();

for (let i = 0; i < count; i++) {
  const [cvId, postingId] = PAIRS[i % PAIRS.length]!;
  const c = cvs.find((x) => x.id === cvId)!;
  const p = postings.find((x) => x.id === postingId)!;
  const cv = await importCorpusCv(c.bytes);
  const run = await runPipeline({ cv, job: p.job }, { now: NOW, cache: new MemoryCache() });
  const name = `${String(i + 1).padStart(2, '0')}-${c.id.split('/')[1]}--${p.id.replace('/', '-')}`;
  if (run.status !== 'succeeded') {
    console.log(`${name}: run failed ${run.error?.message}`);
    continue;
  }
  const o = run.outputs;
  const master = layoutCvPdf(cv, { fonts, format: 'a4', engine: 'v2' });
  const tailored = layoutCvPdf(structuredClone(o.tailored!.cv), { fonts, format: 'a4', engine: 'v2' });
  const letter = buildCoverLetter({ cv: o.tailored!.cv, job: p.job, analysis: o.analysis, parsedJob: o.parsedJob, date: NOW });
  writeFileSync(join(outDir, `${name}.cv.pdf`), tailored.pdf);
  writeFileSync(join(outDir, `${name}.letter.pdf`), renderCoverLetterPdf(letter, { fonts, format: 'a4' }));
  const t = o.tailored!.cv;
  const text = [
    `${p.job.title} — ${p.job.company}   (${p.id})`,
    `CV ${c.id}: master ${master.pages} page(s) as exported, tailored ${tailored.pages}; match ${o.score!.before.match} → ${o.score!.after.match}; violations ${o.score!.faithfulness.violations.length}`,
    '', 'MASTER SUMMARY:', cv.basics.summary ?? '(none)',
    '', 'TAILORED SUMMARY:', t.basics.summary ?? '(none)',
    '', 'SKILLS:', ...t.skills.map((s) => `  ${s.name}: ${s.keywords.join(', ')}`),
    '', 'LETTER:', letter.salutation, ...letter.body.map((b) => (b.kind === 'bullet' ? `  • ${b.text}` : b.text)), letter.closing, letter.signature,
  ].join('\n');
  writeFileSync(join(outDir, `${name}.txt`), `${text}\n`);
  console.log(`${name}: pages ${master.pages}→${tailored.pages}, match ${o.score!.before.match}→${o.score!.after.match}`);
}
