import { useId, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { saveProvider } from '../store/settings';
import type { ProviderConfig } from '../store/db';
import { ErrorNotice, toShownError, type ShownError } from './error-notice';
import { hostPermissionFor, PROVIDER_KINDS, type ProviderKind } from './provider-kinds';

/**
 * Add or edit a provider. The key field is write-only: a saved key is never read back, only said to exist; leaving
 * the field empty keeps it, typing a new one replaces it.
 */
export function ProviderForm({ existing, onDone }: { existing?: ProviderConfig; onDone: () => void }) {
  const id = useId();
  const [kind, setKind] = useState<ProviderKind>(existing?.provider ?? 'openai');
  const [model, setModel] = useState(existing?.model ?? '');
  const [baseUrl, setBaseUrl] = useState(existing?.baseUrl ?? '');
  const [label, setLabel] = useState(existing?.label ?? '');
  const [key, setKey] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const info = PROVIDER_KINDS[kind];
  const hasKey = Boolean(existing?.key);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const url = info.baseUrl ? baseUrl.trim() : '';
    const perm = hostPermissionFor(url);
    if (perm.error) return setError({ message: perm.error });
    setSaving(true);
    try {
      // asked first, while the click still counts as the user's gesture
      if (perm.origin && !(await browser.permissions.request({ origins: [perm.origin] }))) {
        setError({ message: `CVPath was not allowed to reach ${new URL(url).hostname}.`, hint: 'Allow it when Chrome asks, or leave the base URL empty to use the provider’s own address.' });
        return;
      }
      await saveProvider({
        id: existing?.id,
        provider: kind,
        model: model.trim() || info.model,
        baseUrl: info.baseUrl && baseUrl.trim() ? baseUrl.trim() : undefined,
        label: label.trim() || undefined,
        apiKey: key.trim() ? key.trim() : undefined,
      });
      setKey('');
      onDone();
    } catch (err) {
      setError(toShownError(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="provider-form stack-sm" onSubmit={(e) => void save(e)} autoComplete="off">
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>Provider</label>
          <select id={`${id}-kind`} data-testid="provider-kind" value={kind} onChange={(e) => setKind(e.target.value as ProviderKind)}>
            {Object.entries(PROVIDER_KINDS).map(([k, v]) => (
              <option key={k} value={k}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-model`}>Model</label>
          <input id={`${id}-model`} type="text" data-testid="provider-model" value={model} placeholder={info.model} onChange={(e) => setModel(e.target.value)} />
        </div>
      </div>
      {info.baseUrl && (
        <div className="field">
          <label htmlFor={`${id}-url`}>Base URL (optional)</label>
          <input id={`${id}-url`} type="url" data-testid="provider-base-url" value={baseUrl} placeholder={info.baseUrlPlaceholder} onChange={(e) => setBaseUrl(e.target.value)} />
          <span className="help">For an OpenAI-compatible server, a proxy, or Ollama on another port. Leave empty for the default.</span>
        </div>
      )}
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-key`}>API key{info.needsKey ? '' : ' (optional)'}</label>
          <input
            id={`${id}-key`}
            type="password"
            data-testid="provider-key"
            value={key}
            autoComplete="new-password"
            spellCheck={false}
            placeholder={hasKey ? 'key saved •••• — type to replace' : info.needsKey ? 'paste your key' : 'not needed for a local server'}
            onChange={(e) => setKey(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-label`}>Name (optional)</label>
          <input id={`${id}-label`} type="text" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="e.g. Work key" />
        </div>
      </div>
      <p className="help">Keys are encrypted on this device and sent only to that provider. CVPath never shows a saved key again.{hasKey ? ' Changing the provider or its address forgets the saved key: type it again for the new place.' : ''}</p>
      {error && <ErrorNotice error={error} title="Not saved" />}
      <div className="row">
        <button type="submit" className="btn btn-primary" data-testid="provider-save" disabled={saving || (!existing && info.needsKey && !key.trim())}>
          {saving ? 'Saving…' : existing ? 'Save changes' : 'Add provider'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
