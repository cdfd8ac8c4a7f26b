interface NamedCv {
  id: string;
  name: string;
}

export interface SavedMessage {
  text: string;
  /** The CV just saved, offered as the one to use when another CV is in use. */
  switchTo?: NamedCv;
}

/**
 * After a save, which CV the next tailoring uses: the one just saved only when it is the CV in use (or the first
 * CV); otherwise the CV in use, by name, with the offer to switch. Saying "from now on" of a CV that is not in use
 * sent people to tailor with the wrong one.
 */
export function savedMessage(deduplicated: boolean, saved: NamedCv, active: NamedCv | undefined): SavedMessage {
  const what = deduplicated ? 'Nothing changed: this version was already saved.' : 'Saved.';
  if (!active || active.id === saved.id) return { text: `${what} CVPath tailors “${saved.name}”${deduplicated ? '' : ', this version, from now on'}.` };
  return { text: `${what} CVPath still tailors “${active.name}”, the CV in use.`, switchTo: saved };
}
