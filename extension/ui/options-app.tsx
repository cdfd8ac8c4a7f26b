import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../store/db';
import { ChainSection } from './chain-section';
import { CvSection } from './cv-section';
import { DataSection } from './data-section';
import { PrivacySection } from './privacy-section';
import { ProviderList } from './provider-list';
import { SyncSection } from './sync-section';
import { useReady } from './use-ready';
import { useSettings } from './use-settings';
import { useSyncNudges } from './use-sync-nudges';

/** Settings: the master CV, the AI providers and their order, account and sync, privacy and your data. */
export function OptionsApp() {
  useSyncNudges();
  const settings = useSettings();
  const cvs = useLiveQuery(() => db().cvs.orderBy('updatedAt').reverse().toArray(), []);
  useReady(settings !== undefined && cvs !== undefined);
  if (!settings || !cvs) return null;
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <span className="brand">CVPath</span>
          <h1>Settings</h1>
        </div>
        <nav className="row-wrap small" aria-label="Sections">
          <a href="#cv">Master CV</a>
          <a href="#providers">Providers</a>
          <a href="#sync">Account &amp; sync</a>
          <a href="#privacy">Privacy &amp; data</a>
          <a href="/dashboard.html">Dashboard</a>
        </nav>
      </header>

      <section id="cv" className="card stack">
        <header>
          <h2>Master CV</h2>
          <p className="muted small">The one CV every tailoring starts from. CVPath only reorders and rephrases what it says; it never adds what it does not.</p>
        </header>
        <CvSection cvs={cvs} activeCvId={settings.activeCvId} />
      </section>

      <section id="providers" className="card stack">
        <header>
          <h2>AI providers</h2>
          <p className="muted small">
            Optional. With no provider, CVPath’s offline engine reads, matches and tailors on this device, for free. A provider of your own (your key, billed by them) writes more fluent text; if it fails, the next one in the chain takes over, and
            the offline engine last.
          </p>
        </header>
        <ProviderList providers={settings.providers} />
        <ChainSection settings={settings} />
      </section>

      <section id="sync" className="card stack">
        <header>
          <h2>Account &amp; sync</h2>
          <p className="muted small">
            Optional. Keep your history on a CVPath server and in your other browsers: changes made offline sync when the connection returns. Off, nothing leaves this browser.
          </p>
        </header>
        <SyncSection />
      </section>

      <section id="privacy" className="card stack">
        <header>
          <h2>Privacy &amp; data</h2>
          <p className="muted small">Everything stays in this browser unless you turn on sync. Keys are encrypted on this device and sent only to their provider.</p>
        </header>
        <PrivacySection privacy={settings.privacy} />
        <DataSection />
      </section>
    </div>
  );
}
