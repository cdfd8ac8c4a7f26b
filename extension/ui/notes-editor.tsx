import { useEffect, useState } from 'react';
import { setApplicationNotes } from '../store/applications';
import { toShownError, type ShownError } from './error-notice';

/** Free notes on an application, saved when the field loses focus (and on demand). */
export function NotesEditor({ id, notes }: { id: string; notes: string }) {
  const [text, setText] = useState(notes);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ShownError | null>(null);
  // a change from elsewhere (another tab, sync) replaces the text only while the person is not editing it
  useEffect(() => {
    if (state !== 'saving' && document.activeElement?.id !== 'app-notes') setText(notes);
  }, [notes, state]);
  const save = () => {
    if (text === notes) return;
    setState('saving');
    setError(null);
    setApplicationNotes(id, text).then(
      () => setState('saved'),
      (e: unknown) => {
        setState('idle');
        setError(toShownError(e));
      },
    );
  };
  return (
    <div className="field">
      <label htmlFor="app-notes">Notes</label>
      <textarea id="app-notes" data-testid="notes" rows={5} value={text} onChange={(e) => { setText(e.target.value); setState('idle'); }} onBlur={save} placeholder="Contacts, salary talks, what to prepare…" />
      <span className="help" role="status">{error ? `Not saved: ${error.message}` : state === 'saving' ? 'Saving…' : state === 'saved' ? 'Saved' : ''}</span>
    </div>
  );
}
