import { describe, expect, it } from 'vitest';
import { hostPermissionFor, move, providerName } from './provider-kinds';

describe('provider chain helpers', () => {
  it('moves an item up or down and ignores moves past the ends', () => {
    expect(move(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(move(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('names a provider by its label, else by kind and model', () => {
    expect(providerName({ provider: 'anthropic', model: 'claude-haiku-4-5' })).toBe('Anthropic · claude-haiku-4-5');
    expect(providerName({ provider: 'openai', model: 'gpt-4o-mini', label: 'Work key' })).toBe('Work key');
  });
});

describe('host permission for a custom base URL', () => {
  it('needs nothing for the providers’ own hosts, a local server, or no base URL', () => {
    expect(hostPermissionFor(undefined)).toEqual({});
    expect(hostPermissionFor('https://api.openai.com/v1')).toEqual({});
    expect(hostPermissionFor('http://localhost:11434/v1')).toEqual({});
  });

  it('asks for the origin of any other https server', () => {
    expect(hostPermissionFor('https://llm.example.com/v1')).toEqual({ origin: 'https://llm.example.com/*' });
  });

  it('refuses plain http elsewhere and what is not a URL', () => {
    expect(hostPermissionFor('http://llm.example.com/v1').error).toMatch(/https/);
    expect(hostPermissionFor('not a url').error).toMatch(/not a URL/);
  });
});
