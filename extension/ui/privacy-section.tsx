import { useState } from 'react';
import { setPrivacy } from '../store/settings';
import type { PrivacySettings } from '../store/db';
import { ErrorNotice, toShownError, type ShownError } from './error-notice';

const TOGGLES: { key: keyof PrivacySettings; label: string; help: string }[] = [
  { key: 'showPageControl', label: 'Show the “Tailor my CV” button on job pages', help: 'A small button on supported job boards. The popup works either way.' },
  { key: 'keepRunInputs', label: 'Keep the CV and job text of each run in the history', help: 'Lets you see and reproduce past runs exactly. Turn off to keep only the results.' },
  { key: 'reportAdapterFailures', label: 'Report when CVPath cannot read a job board', help: 'When reporting arrives, send the site, the selector that failed and the extension version (never page content, your CV or keys). Today nothing is sent: such failures are only listed on this device.' },
];

/** The privacy switches, each saying what it does in one line. */
export function PrivacySection({ privacy }: { privacy: PrivacySettings }) {
  const [error, setError] = useState<ShownError | null>(null);
  return (
    <div className="stack-sm" data-testid="privacy">
      {TOGGLES.map((t) => (
        <label key={t.key} className="check toggle">
          <input
            type="checkbox"
            data-testid={`privacy-${t.key}`}
            checked={privacy[t.key]}
            onChange={(e) => {
              setError(null);
              setPrivacy({ [t.key]: e.target.checked }).catch((err: unknown) => setError(toShownError(err)));
            }}
          />
          <span>
            {t.label}
            <span className="help" style={{ display: 'block' }}>{t.help}</span>
          </span>
        </label>
      ))}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
