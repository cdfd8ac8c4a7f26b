import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { CvPathError } from '../shared/errors';
import { jobFromText } from '../shared/engine/job-text-parser';
import { Cv } from '../shared/schema/cv';
import { fromJsonResume, looksLikeJsonResume } from '../shared/schema/json-resume';
import { JobPosting } from '../shared/schema/job-posting';
import { importCvDocument } from '../shared/documents/import';

/** Node glue: files → the engine's inputs, with a clear error for every way a file can be wrong. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

async function readBytes(path: string, what: string): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new CvPathError('INPUT_UNREADABLE', `Cannot read the ${what} file "${path}".`, { hint: 'Check the path and that the file exists.' });
  }
  if (size > MAX_INPUT_BYTES) throw new CvPathError('INPUT_TOO_LARGE', `The ${what} file is ${(size / 1048576).toFixed(1)} MB; the limit is 10 MB.`, { hint: 'Use the text of the document rather than a scan or an export with images.' });
  return new Uint8Array(await readFile(path));
}

async function readText(path: string, what: string): Promise<string> {
  return bytesToText(await readBytes(path, what), path, what);
}

function bytesToText(bytes: Uint8Array, path: string, what: string): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8));
  if (head.startsWith('%PDF') || head.startsWith('PK\u0003\u0004')) {
    throw new CvPathError('INPUT_INVALID', `"${path}" is a ${head.startsWith('%PDF') ? 'PDF' : 'DOCX/ZIP'} file, but a text file was expected here.`, { hint: 'Pass the job posting as plain text (.txt) or JobPosting JSON.' });
  }
  if (bytes.includes(0)) throw new CvPathError('INPUT_INVALID', `"${path}" is not a text file.`, { hint: 'Use a .txt, .md or .json file.' });
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (!text.trim()) throw new CvPathError(what === 'CV' ? 'CV_EMPTY' : 'JOB_EMPTY', `The ${what} file "${path}" is empty.`, { hint: `Put the ${what === 'CV' ? 'CV' : 'job posting'} text in it.` });
  return text;
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CvPathError('INPUT_INVALID', `"${path}" is not valid JSON (${(e as Error).message}).`, { hint: 'Fix the JSON, or use a .txt file.' });
  }
}

/** A CV file of any supported kind, told apart by its bytes (never its extension): PDF, DOCX, JSON Resume, text. */
export async function readCvInput(path: string): Promise<{ cvText?: string; cv?: Cv }> {
  const bytes = await readBytes(path, 'CV');
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 5));
  if (head.startsWith('%PDF') || head.startsWith('PK\u0003\u0004')) {
    const doc = await importCvDocument(bytes);
    if (!doc.text?.trim()) throw new CvPathError('CV_EMPTY', `No text could be read from "${path}".`, { hint: 'Export your CV again from your editor, or paste its text into a .txt file.' });
    return { cvText: doc.text };
  }
  const text = bytesToText(bytes, path, 'CV');
  if (extname(path).toLowerCase() === '.json') {
    const value = parseJson(text, path);
    const w = value as { cv?: unknown; outputs?: unknown };
    if (!looksLikeJsonResume(value) && !w.cv && !w.outputs) throw new CvPathError('INPUT_INVALID', `"${path}" is JSON but not a JSON Resume (no basics, work or education).`, { hint: 'See https://jsonresume.org/schema for the format.' });
    // a tailored.json or a run.json from `cvpath tailor` holds the CV to export
    const v = value as { cv?: unknown; changes?: unknown; outputs?: { tailored?: { cv?: unknown } } };
    if (v.outputs?.tailored?.cv) return { cv: Cv.parse(v.outputs.tailored.cv) };
    if (v.cv && Array.isArray(v.changes)) return { cv: Cv.parse(v.cv) };
    const asCv = Cv.safeParse(value);
    if (asCv.success && (value as { work?: { id?: string }[] }).work?.every((w) => typeof w.id === 'string')) return { cv: asCv.data };
    try {
      return { cv: fromJsonResume(value) };
    } catch (e) {
      throw new CvPathError('INPUT_INVALID', `"${path}" is not a valid JSON Resume.`, { cause: e, hint: 'Check it against the JSON Resume 1.0 schema.' });
    }
  }
  return { cvText: text };
}

export async function readJobInput(path: string): Promise<JobPosting> {
  const text = await readText(path, 'job');
  if (extname(path).toLowerCase() === '.json') {
    const r = JobPosting.safeParse(parseJson(text, path));
    if (!r.success) throw new CvPathError('INPUT_INVALID', `"${path}" is not a JobPosting JSON (needs at least title and description).`, { hint: 'Or pass the posting as a .txt file: title, company and location on the first lines.' });
    return r.data;
  }
  return jobFromText(text);
}
