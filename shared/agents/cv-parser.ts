import { z } from 'zod';
import { Cv } from '../schema/cv';
import { JsonResume, fromJsonResume } from '../schema/json-resume';
import { parseCvText } from '../engine/cv-text-parser';
import { fold } from '../engine/text';
import { defineAgent } from './agent';

export interface CvParserInput {
  text: string;
}

/** CV_PARSER: CV text → Cv. The model answers plain JSON Resume; ids are given by code, in document order. */
export const cvParser = defineAgent<CvParserInput, Cv, JsonResume>({
  id: 'CV_PARSER',
  promptVersion: '1',
  draft: JsonResume,
  output: Cv,
  prompt: (input) => ({
    role: 'You turn the text of a CV into JSON Resume 1.0.',
    rules: [
      'Copy text verbatim: names, titles, employers, dates as written, every bullet word for word as a highlight.',
      'Dates: convert to YYYY-MM or YYYY when unambiguous; leave endDate out for a current role.',
      'Projects, awards and certificates are not jobs: put them in their own sections.',
      'Leave a field out rather than guess it.',
    ],
    task: 'Parse this CV.',
    context: { cv: input.text },
  }),
  finalize: (draft, input) => {
    const cv = fromJsonResume(draft);
    // a parser may normalise, never add: bullets that are not in the source text are dropped
    const source = ` ${fold(input.text)} `;
    const inSource = (t: string) => {
      const f = fold(t);
      return !f || source.includes(f) || f.split(' ').filter((w) => w.length > 3).every((w) => source.includes(` ${w}`));
    };
    for (const list of [cv.work, cv.projects, cv.volunteer]) {
      for (const e of list) e.highlights = e.highlights.filter((h) => inSource(h.text));
    }
    if (cv.basics.name && !inSource(cv.basics.name)) cv.basics.name = '';
    return cv;
  },
  offline: (input) => parseCvText(input.text).cv,
});

export const CvParserInput = z.object({ text: z.string() });
