import { useState } from 'react';
import { removeProvider, saveProvider } from '../store/settings';
import type { ProviderConfig } from '../store/db';
import { ErrorNotice, useAction } from './error-notice';
import { ProviderForm } from './provider-form';
import { PROVIDER_KINDS, providerName } from './provider-kinds';

/** The configured providers. A key is only ever shown as "saved"; it can be replaced or removed, never read. */
export function ProviderList({ providers }: { providers: ProviderConfig[] }) {
  // the id being edited, or 'new' for the add form; closed at first: a provider is optional, and the offline engine
  // works without one
  const [editing, setEditing] = useState<string | null>(null);
  const { error, act } = useAction();
  return (
    <div className="stack">
      {error && <ErrorNotice error={error} />}
      <ul className="provider-list" data-testid="provider-list">
        {providers.map((p) =>
          editing === p.id ? (
            <li key={p.id} className="provider-item">
              <ProviderForm existing={p} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={p.id} className="provider-item spread" data-testid="provider-item" data-provider-id={p.id}>
              <div className="grow">
                <strong>{providerName(p)}</strong>
                <div className="small muted">
                  {PROVIDER_KINDS[p.provider]?.label ?? p.provider} · <code>{p.model}</code>
                  {p.baseUrl && <> · {p.baseUrl}</>}
                </div>
                <div className="small" data-testid="provider-key-state">
                  {p.key ? <span className="key-saved">key saved ••••</span> : <span className="faint">no key</span>}
                </div>
              </div>
              <div className="row-wrap">
                <button type="button" className="btn btn-sm" onClick={() => setEditing(p.id)}>Edit</button>
                {p.key && (
                  // an empty key asks the store to drop the saved one
                  <button type="button" className="btn btn-sm" onClick={() => act(() => saveProvider({ id: p.id, provider: p.provider, model: p.model, baseUrl: p.baseUrl, label: p.label, apiKey: '' }))}>
                    Remove key
                  </button>
                )}
                <button type="button" className="btn btn-sm btn-danger" onClick={() => act(() => removeProvider(p.id))}>Remove</button>
              </div>
            </li>
          ),
        )}
      </ul>
      {editing === 'new' ? (
        <div className="provider-item">
          <h3 style={{ marginBottom: 8 }}>Add a provider</h3>
          <ProviderForm onDone={() => setEditing(null)} />
        </div>
      ) : (
        <div>
          <button type="button" className="btn" data-testid="provider-add" onClick={() => setEditing('new')}>Add a provider</button>
        </div>
      )}
    </div>
  );
}
