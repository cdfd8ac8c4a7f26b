import { describe, expect, it } from 'vitest';
import { savedMessage } from './cv-saved-message';

const jane = { id: 'a', name: 'Jane — CV' };
const second = { id: 'b', name: 'Jane — design CV' };

describe('the message after saving a CV', () => {
  it('says the saved CV is tailored from now on when it is the one in use', () => {
    expect(savedMessage(false, jane, undefined)).toEqual({ text: 'Saved. CVPath tailors “Jane — CV”, this version, from now on.' });
    expect(savedMessage(false, jane, jane).switchTo).toBeUndefined();
  });

  it('names the CV in use, and offers to switch, when another CV is in use', () => {
    const m = savedMessage(false, second, jane);
    expect(m.text).toBe('Saved. CVPath still tailors “Jane — CV”, the CV in use.');
    expect(m.text).not.toMatch(/from now on/);
    expect(m.switchTo).toEqual(second);
  });
});
