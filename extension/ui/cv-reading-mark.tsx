import type { ReactNode } from 'react';
import type { CvDisagreement } from '../../shared/documents/import/parse-cv';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2020-06" as a CV writes it ("Jun 2020"), so the two readings are compared as the person reads dates. */
export function readableValue(field: string, value: string | undefined): string {
  if (value === undefined || value === '') return 'nothing';
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return field.endsWith('Date') && m && MONTHS[Number(m[2]) - 1] ? `${MONTHS[Number(m[2]) - 1]} ${m[1]}` : value;
}

/** Beside a field the model and the offline parser read differently: the other reading, and one click to take it. */
export function ReadingMark({ d, onTake }: { d: CvDisagreement; onTake: () => void }) {
  return (
    <div className="reading-mark small" data-testid="reading-mark" data-path={d.path}>
      <span>
        <span className="reading-mark-sign" aria-hidden="true">≠</span>
        Offline reading: <strong>{readableValue(d.field, d.offline)}</strong>
      </span>
      <button type="button" className="btn-link small" data-testid="reading-take" onClick={onTake}>
        {d.offline ? 'Use it' : 'Clear this field'}
      </button>
    </div>
  );
}

/** What an editor asks for each of its fields: the mark to show under it, if the readings differ there. */
export type MarkFor = (entryId: string | undefined, field: string) => ReactNode;
export const noMarks: MarkFor = () => undefined;
