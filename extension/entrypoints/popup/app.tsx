import { STAGES } from '../../../shared/pipeline/stages';

export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', width: 320, padding: 16 }}>
      <h1 style={{ fontSize: 18, margin: 0 }}>CVPath</h1>
      <p>Open a job posting to tailor your CV to it.</p>
      <ol>
        {STAGES.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </main>
  );
}
