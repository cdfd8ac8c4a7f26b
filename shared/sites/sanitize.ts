import type { JobPostingInput, JobWarning } from '../schema/job-posting';
import { looksLikeInstruction, scrubInjections } from './injection';

const SHORT_FIELDS = ['title', 'company', 'location', 'employmentType', 'salary'] as const;

/**
 * Takes every instruction aimed at a model out of a posting, whatever read it: a board adapter, JSON-LD the user
 * never sees, the popup's paste box. Every field that reaches a prompt is cleaned, not only the description, and each
 * removal becomes a warning the user is shown. Stored jobs pass through here, so nothing else has to remember to.
 */
export function sanitizePosting<P extends JobPostingInput>(posting: P): P & { warnings: JobWarning[] } {
  const warnings: JobWarning[] = [...(posting.warnings ?? [])];
  const out: P & { warnings: JobWarning[] } = { ...posting, warnings };
  const body = scrubInjections(posting.description);
  out.description = body.description;
  warnings.push(...body.warnings);
  for (const field of SHORT_FIELDS) {
    const value = out[field];
    if (typeof value !== 'string' || !looksLikeInstruction(value)) continue;
    const cleaned = scrubInjections(value);
    warnings.push(...cleaned.warnings.map((w) => ({ ...w, message: `${w.message} (in the job's ${field === 'employmentType' ? 'employment type' : field})` })));
    const rest = cleaned.description.trim();
    if (field === 'title' || field === 'company') out[field] = rest;
    else if (rest) out[field] = rest;
    else delete out[field];
  }
  out.warnings = dedupe(warnings);
  return out;
}

/** The same finding reported twice (read again, or by two readers) is said once. */
function dedupe(ws: JobWarning[]): JobWarning[] {
  const seen = new Set<string>();
  return ws.filter((w) => {
    const k = `${w.code}|${w.excerpt ?? w.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
