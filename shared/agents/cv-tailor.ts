import type { Cv } from '../schema/cv';
import type { ParsedJob } from '../schema/parsed-job';
import { TailoredCv } from '../schema/tailored-cv';
import { analyze } from '../engine/matcher';
import { tailorOffline } from '../engine/tailor';
import { defineAgent } from './agent';

export interface TailorInput {
  cv: Cv;
  job: ParsedJob;
}

/**
 * CV_TAILOR: the tailored Cv with its change log. It runs beside JOB_ANALYZER (both need only the parsed CV and job),
 * which keeps a model round-trip off the critical path; the faithfulness guard runs on whatever it returns.
 */
export const cvTailor = defineAgent<TailorInput, TailoredCv, TailoredCv>({
  id: 'CV_TAILOR',
  promptVersion: '1',
  draft: TailoredCv,
  output: TailoredCv,
  prompt: (input) => ({
    role: 'You tailor a master CV to one job: you reorder and re-emphasise, you never add facts.',
    rules: [
      'Keep every id. Keep employers, titles, dates, degrees and institutions exactly as in the master CV.',
      'Reorder bullets within each role so evidence for the job\'s must-have requirements comes first. Keep roles in date order.',
      'You may tighten a bullet\'s wording, but only with words, numbers and skills that the master CV already contains.',
      'Rewrite the summary to lead with what this job asks for, using only facts from the master CV.',
      'sectionOrder: the order a recruiter for this job should read the sections in.',
      'changes: one entry per change, with targetId, the master CV ids it came from (sourceIds), before, after, and the requirement ids it serves.',
    ],
    task: 'Tailor this master CV to the job requirements.',
    context: { requirements: input.job.requirements.map((r) => ({ id: r.id, text: r.text, kind: r.kind })), masterCv: input.cv },
  }),
  // the guard (run by the pipeline) checks facts; here only the section order is made consistent with the CV
  finalize: (draft) => ({ ...draft, cv: { ...draft.cv, meta: { ...draft.cv.meta, sectionOrder: draft.sectionOrder } } }),
  offline: (input, ctx) => tailorOffline(input.cv, input.job, analyze(input.cv, input.job, ctx)),
});
