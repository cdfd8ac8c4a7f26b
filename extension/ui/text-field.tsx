import { useId, type ReactNode } from 'react';

/** A labelled input; every field on every page goes through this, so none is ever unlabelled. */
export function TextField({ label, value, onChange, type = 'text', placeholder, testId, help, autoComplete, note }: {
  label: string;
  value: string | undefined;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'url' | 'password' | 'search' | 'date';
  placeholder?: string;
  testId?: string;
  help?: string;
  autoComplete?: string;
  /** Shown under the input and marks the field (the CV review's other reading of it). */
  note?: ReactNode;
}) {
  const id = useId();
  return (
    <div className={note ? 'field field-marked' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value ?? ''} placeholder={placeholder} data-testid={testId} autoComplete={autoComplete} onChange={(e) => onChange(e.target.value)} />
      {help && <span className="help">{help}</span>}
      {note}
    </div>
  );
}

export function TextArea({ label, value, onChange, rows = 3, placeholder, testId }: { label: string; value: string | undefined; onChange: (value: string) => void; rows?: number; placeholder?: string; testId?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={rows} value={value ?? ''} placeholder={placeholder} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
