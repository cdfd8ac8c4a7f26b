import { ApplicationList } from './application-list';
import { ApplicationPage } from './application-page';
import { RunPage } from './run-page';
import { useHashRoute } from './use-hash-route';
import { useSyncNudges } from './use-sync-nudges';

/** The dashboard tab: `#/` every application, `#/application/<id>` one of them, `#/run/<id>` one run in full. */
export function DashboardApp() {
  useSyncNudges();
  const route = useHashRoute();
  return (
    <div className="dash">
      <header className="dash-head">
        <a href="#/" className="brand">CVPath</a>
        <nav className="row small" aria-label="Main">
          <a href="#/">Applications</a>
          <a href="/options.html">Settings</a>
        </nav>
      </header>
      <main className="dash-main">
        {route.page === 'list' && <ApplicationList key="list" query={route.query} />}
        {route.page === 'application' && <ApplicationPage key={route.id} id={route.id} />}
        {route.page === 'run' && <RunPage key={route.id} id={route.id} />}
      </main>
    </div>
  );
}
