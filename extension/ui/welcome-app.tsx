import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { db } from '../store/db';
import { CvSection } from './cv-section';
import { useReady } from './use-ready';
import { useSettings } from './use-settings';

/**
 * The first page a new user sees (opened once, on install): what CVPath does, that it works with no key, and the one
 * thing it needs before the first tailoring: the master CV, imported right here.
 */
export function WelcomeApp() {
  const settings = useSettings();
  const cvs = useLiveQuery(() => db().cvs.orderBy('updatedAt').reverse().toArray(), []);
  useReady(settings !== undefined && cvs !== undefined);
  if (!settings || !cvs) return null;
  return (
    <div className="page welcome" data-testid="welcome">
      <header className="page-head">
        <div className="row">
          <img src="/icon/48.png" width={40} height={40} alt="" />
          <div>
            <span className="brand">CVPath</span>
            <h1>Your CV, fitted to each job, honestly</h1>
          </div>
        </div>
      </header>

      <section className="card stack-sm" data-testid="welcome-intro">
        <ol className="welcome-steps">
          <li><strong>Import your master CV</strong> below: the one CV every tailoring starts from.</li>
          <li><strong>Open a job posting</strong> (LinkedIn, Indeed, Greenhouse, Lever, Workday, or a careers page) and click <em>Tailor my CV</em> in its corner, or CVPath’s toolbar button.</li>
          <li><strong>Check and download</strong> the tailored CV and cover letter: every line comes from your own CV, reordered and rephrased, never invented.</li>
        </ol>
        <p className="small">
          <strong>No key needed.</strong> CVPath’s offline engine reads the posting, matches it to your CV and tailors it on this computer, for free; nothing is sent anywhere.
        </p>
        <p className="small muted">
          Want more fluent text? Add a key of your own (OpenAI, Anthropic, Gemini, OpenRouter, or a local Ollama) in{' '}
          <button type="button" className="btn-link" data-testid="welcome-options" onClick={() => void browser.runtime.openOptionsPage()}>the settings</button>. It is encrypted on this device, sent only to its provider, and billed by them; the offline engine takes over if it fails.
        </p>
      </section>

      <section className="card stack" id="cv">
        <header>
          <h2>{cvs.length ? 'Your master CV' : 'Import your master CV'}</h2>
          <p className="muted small">A PDF, Word file, JSON Resume or plain text. You review what was read before it is saved.</p>
        </header>
        <CvSection cvs={cvs} activeCvId={settings.activeCvId} />
        {cvs.length > 0 && (
          <p className="notice notice-ok" data-testid="welcome-next">
            You are ready: open a job posting and click <strong>Tailor my CV</strong>.
          </p>
        )}
      </section>
    </div>
  );
}
