import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cvDocx } from '../../../test/fuzz/documents';
import { parseCvText } from '../../engine/cv-text-parser';
import { importPdf } from './pdf';

/**
 * PDFs from the producers CVs really come from: a browser (web CV builders), LibreOffice (Word-like output) and
 * pdfLaTeX. Each runs only where the tool is installed (skipped otherwise, as in CI).
 */

const dir = mkdtempSync(join(tmpdir(), 'cvpath-producers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tryRun(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { cwd: dir, stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

function readPdf(name: string): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(join(dir, name)));
  } catch {
    return undefined;
  }
}

const HTML = `<!doctype html><html><head><meta charset="utf-8"><style>
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 10pt; margin: 0; }
.page { display: grid; grid-template-columns: 200px 1fr; gap: 28px; padding: 36px; }
h1 { font-size: 22pt; margin: 0 0 4px; }
h2 { font-size: 11pt; text-transform: uppercase; letter-spacing: 2px; border-bottom: 1px solid #999; margin: 16px 0 6px; }
ul { margin: 4px 0 10px 18px; padding: 0; }
.role { font-weight: bold; margin-top: 10px; }
.dates { float: right; font-weight: normal; }
</style></head><body><div class="page">
<aside><h1>Søren Åberg</h1><div>Product Manager</div>
<h2>Contact</h2><div>soren.aberg@example.se</div><div>+46 70 123 45 67</div><div>Malmö, Sweden</div><div>linkedin.com/in/soren-aberg</div>
<h2>Skills</h2><div>Roadmapping</div><div>User research</div><div>SQL &amp; Amplitude</div>
<h2>Languages</h2><div>Swedish (native)</div><div>English (fluent)</div></aside>
<main><h2>Profile</h2><p>Product manager with seven years in B2B SaaS, leading discovery and delivery for payments and invoicing products used by thousands of small businesses across the Nordics.</p>
<h2>Experience</h2>
<div class="role">Senior Product Manager — Kassa AB, Malmö <span class="dates">Jan 2021 – Present</span></div>
<ul><li>Owned the invoicing product (€40m annual payment volume) and grew weekly active companies by 38% in eighteen months.</li><li>Ran 25 pricing experiments with finance and data science, lifting average revenue per account by 11%.</li></ul>
<div class="role">Product Manager — Fakturera Nu, Lund <span class="dates">Jun 2017 – Dec 2020</span></div>
<ul><li>Launched automatic reminders, cutting overdue invoices by a fifth.</li></ul>
<h2>Education</h2><div class="role">MSc Industrial Engineering — Lund University <span class="dates">2012 – 2017</span></div>
</main></div></body></html>`;

const TEX = String.raw`\documentclass[10pt]{article}
\usepackage[T1]{fontenc}\usepackage{lmodern}\usepackage[utf8]{inputenc}\usepackage[margin=2cm]{geometry}
\begin{document}
\noindent{\LARGE\bfseries Tomasz Wiśniewski}\\
tomasz.wisniewski@example.com \quad +48 501 234 567 \quad Gdańsk, Poland

\noindent\begin{minipage}[t]{0.28\textwidth}
\section*{Skills}
Kubernetes\\ Terraform\\ PostgreSQL
\section*{Languages}
Polish (native)\\ English (C1)
\end{minipage}\hfill
\begin{minipage}[t]{0.66\textwidth}
\section*{Summary}
Infrastructure engineer with nine years of experience running platforms for logistics and e-commerce companies, specialising in the automation of deployment pipelines and the management of heterogeneous cloud environments.
\section*{Experience}
\textbf{Platform Engineer — Amber Logistics Sp. z o.o., Gdańsk | Jan 2020 – Present}
\begin{itemize}
\item Responsible for the administration and continuous improvement of the organisation's Kubernetes infrastructure spanning three regions.
\item Introduced infrastructure-as-code practices, eliminating configuration drift across environments.
\end{itemize}
\textbf{Systems Administrator — Baltic Shop S.A., Sopot | Mar 2015 – Dec 2019}
\begin{itemize}
\item Maintained approximately 200 virtual machines and reduced unplanned downtime considerably.
\end{itemize}
\section*{Education}
MSc Computer Science — Gdańsk University of Technology | 2013 – 2015
\end{minipage}
\end{document}`;

describe('importPdf on real producers (where installed)', () => {
  it('a browser-printed CV with a sidebar, list markers drawn as shapes, letter-spaced headings', async (ctx) => {
    writeFileSync(join(dir, 'cv.html'), HTML);
    const ok = tryRun('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${join(dir, 'web.pdf')}`, `file://${join(dir, 'cv.html')}`]);
    const pdf = ok ? readPdf('web.pdf') : undefined;
    if (!pdf) return ctx.skip();
    const r = await importPdf(pdf);
    expect(r.hints.layouts).toEqual(['sidebar-left']);
    const { cv } = parseCvText(r.text);
    expect(cv.basics).toMatchObject({ name: 'Søren Åberg', email: 'soren.aberg@example.se', phone: '+46 70 123 45 67' });
    expect(cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate ?? null, w.highlights.length])).toEqual([
      ['Senior Product Manager', 'Kassa AB', '2021-01', null, 2],
      ['Product Manager', 'Fakturera Nu', '2017-06', '2020-12', 1],
    ]);
    expect(cv.education[0]).toMatchObject({ institution: 'Lund University', studyType: 'MSc' });
    expect(cv.skills.map((s) => s.name)).toEqual(['Roadmapping', 'User research', 'SQL & Amplitude']);
  });

  it('a Word document exported by LibreOffice', async (ctx) => {
    writeFileSync(join(dir, 'cv.docx'), await cvDocx());
    const ok = tryRun('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'cv.docx')]);
    const pdf = ok ? readPdf('cv.pdf') : undefined;
    if (!pdf) return ctx.skip();
    const r = await importPdf(pdf);
    const { cv } = parseCvText(r.text);
    expect(cv.basics).toMatchObject({ name: 'Zofia Łukasiewicz', email: 'zofia.lukasiewicz@example.com' });
    expect(cv.work.map((w) => [w.position, w.name, w.highlights.length])).toEqual([
      ['Ward Sister', 'University Hospital Kraków', 3],
      ['Staff Nurse', 'St. Luke’s Hospital', 1],
    ]);
    expect(cv.education[0]).toMatchObject({ institution: 'Jagiellonian University', studyType: 'BSc', endDate: '2013' });
  });

  it('a pdfLaTeX CV: minipage sidebar, itemize, hyphenation', async (ctx) => {
    writeFileSync(join(dir, 'cv.tex'), TEX);
    const ok = tryRun('pdflatex', ['-interaction=batchmode', '-jobname=latexcv', 'cv.tex']);
    const pdf = ok ? readPdf('latexcv.pdf') : undefined;
    if (!pdf) return ctx.skip();
    const r = await importPdf(pdf);
    expect(r.hints.producer).toMatch(/TeX/);
    const { cv } = parseCvText(r.text);
    expect(cv.basics).toMatchObject({ name: 'Tomasz Wiśniewski', email: 'tomasz.wisniewski@example.com', phone: '+48 501 234 567' });
    expect(cv.work.map((w) => [w.position, w.name, w.startDate, w.endDate ?? null, w.highlights.length])).toEqual([
      ['Platform Engineer', 'Amber Logistics Sp. z o.o.', '2020-01', null, 2],
      ['Systems Administrator', 'Baltic Shop S.A.', '2015-03', '2019-12', 1],
    ]);
    expect(cv.skills.map((s) => s.name)).toEqual(['Kubernetes', 'Terraform', 'PostgreSQL']);
    expect(r.text).not.toMatch(/\w- \w/); // no word left broken at a line end
  });
});
