import { useId } from 'react';
import type { ProviderConfig } from '../store/db';
import { move, providerName } from './provider-kinds';

/** An ordered list of providers, tried first to last; the offline engine always comes after the last. */
export function ChainList({ ids, providers, onChange, testId, label }: { ids: string[]; providers: ProviderConfig[]; onChange: (ids: string[]) => void; testId?: string; label: string }) {
  const selectId = useId();
  const byId = new Map(providers.map((p) => [p.id, p]));
  const present = ids.filter((id) => byId.has(id));
  const addable = providers.filter((p) => !present.includes(p.id));
  return (
    <div className="stack-sm">
      <ol className="chain" data-testid={testId} aria-label={label}>
        {present.map((id, i) => (
          <li key={id} className="chain-item" data-provider-id={id}>
            <span className="chain-n">{i + 1}</span>
            <span className="grow">{providerName(byId.get(id)!)}</span>
            <button type="button" className="btn btn-sm" disabled={i === 0} onClick={() => onChange(move(present, i, -1))} aria-label={`Move ${providerName(byId.get(id)!)} up`}>↑</button>
            <button type="button" className="btn btn-sm" disabled={i === present.length - 1} onClick={() => onChange(move(present, i, 1))} aria-label={`Move ${providerName(byId.get(id)!)} down`}>↓</button>
            <button type="button" className="btn btn-sm" onClick={() => onChange(present.filter((x) => x !== id))} aria-label={`Take ${providerName(byId.get(id)!)} out of the chain`}>✕</button>
          </li>
        ))}
        <li className="chain-item chain-offline">
          <span className="chain-n">{present.length + 1}</span>
          <span className="grow muted">Offline engine (always last, needs no key)</span>
        </li>
      </ol>
      {addable.length > 0 && (
        <div className="row">
          <label className="visually-hidden" htmlFor={selectId}>Add to {label}</label>
          <select
            id={selectId}
            value=""
            onChange={(e) => {
              if (e.target.value) onChange([...present, e.target.value]);
            }}
          >
            <option value="">Add a provider to this chain…</option>
            {addable.map((p) => (
              <option key={p.id} value={p.id}>{providerName(p)}</option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
