import { useState, type ReactNode } from 'react';

/** An error as the user should read it: what happened, then what to do next. */
export interface ShownError {
  code?: string;
  message: string;
  hint?: string;
}

export function toShownError(e: unknown): ShownError {
  if (e && typeof e === 'object' && 'message' in e) {
    const x = e as { code?: unknown; message: unknown; hint?: unknown };
    return { code: typeof x.code === 'string' ? x.code : undefined, message: String(x.message), hint: typeof x.hint === 'string' ? x.hint : undefined };
  }
  return { message: String(e) };
}

export function ErrorNotice({ error, title, testId, children }: { error: ShownError; title?: string; testId?: string; children?: ReactNode }) {
  return (
    <div className="notice notice-error" role="alert" data-testid={testId} data-code={error.code}>
      {title && <strong>{title}</strong>}
      <p>{error.message}</p>
      {error.hint && <p className="small" style={{ marginTop: 4 }}>{error.hint}</p>}
      {children}
    </div>
  );
}

/** Runs a store action from a click and keeps its error to show: the error is cleared when the next action starts. */
export function useAction(): { error: ShownError | null; act: (f: () => Promise<unknown>) => void } {
  const [error, setError] = useState<ShownError | null>(null);
  const act = (f: () => Promise<unknown>) => {
    setError(null);
    f().catch((e: unknown) => setError(toShownError(e)));
  };
  return { error, act };
}
