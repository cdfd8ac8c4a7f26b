import { describe, expect, it } from 'vitest';
import { CvPathError } from '../errors';
import { defaultChain, parseChain } from './parse-chain';

const ENV = {
  OPENAI_API_KEY: 'sk-openai',
  ANTHROPIC_API_KEY: 'sk-ant',
  GEMINI_API_KEY: 'AIza-gem',
  OPENROUTER_API_KEY: 'sk-or',
};

function thrown(fn: () => unknown): CvPathError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CvPathError);
    return e as CvPathError;
  }
  throw new Error('expected a throw');
}

describe('parseChain', () => {
  it('parses a full chain with keys from env', () => {
    expect(parseChain('openai:gpt-4o-mini,anthropic:claude-haiku-4-5,gemini:gemini-2.0-flash,offline', ENV)).toEqual([
      { provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-openai' },
      { provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'sk-ant' },
      { provider: 'gemini', model: 'gemini-2.0-flash', apiKey: 'AIza-gem' },
      { provider: 'offline', model: 'deterministic' },
    ]);
  });

  it('splits on the first colon only, so models keep their colons and slashes', () => {
    expect(parseChain('openrouter:meta-llama/llama-3-8b-instruct:free, ollama:llama3.1:8b', ENV)).toEqual([
      { provider: 'openrouter', model: 'meta-llama/llama-3-8b-instruct:free', apiKey: 'sk-or' },
      { provider: 'ollama', model: 'llama3.1:8b' },
    ]);
  });

  it('tolerates spaces, case and empty entries', () => {
    expect(parseChain(' OpenAI : gpt-4o , ,offline ', {})).toEqual([
      { provider: 'openai', model: 'gpt-4o' },
      { provider: 'offline', model: 'deterministic' },
    ]);
  });

  it('reads base URLs, and GOOGLE_API_KEY as the Gemini fallback', () => {
    const env = {
      OPENAI_BASE_URL: 'https://proxy/v1',
      ANTHROPIC_BASE_URL: 'https://ant-proxy',
      GEMINI_BASE_URL: 'https://gem-proxy',
      OPENROUTER_BASE_URL: 'https://or-proxy/api/v1',
      OLLAMA_BASE_URL: 'http://gpu:11434',
      GOOGLE_API_KEY: 'AIza-google',
    };
    expect(parseChain('openai:a,anthropic:b,gemini:c,openrouter:d,ollama:e', env)).toEqual([
      { provider: 'openai', model: 'a', baseUrl: 'https://proxy/v1' },
      { provider: 'anthropic', model: 'b', baseUrl: 'https://ant-proxy' },
      { provider: 'gemini', model: 'c', apiKey: 'AIza-google', baseUrl: 'https://gem-proxy' },
      { provider: 'openrouter', model: 'd', baseUrl: 'https://or-proxy/api/v1' },
      { provider: 'ollama', model: 'e', baseUrl: 'http://gpu:11434' },
    ]);
    expect(parseChain('gemini:c', { GEMINI_API_KEY: 'AIza-gemini', GOOGLE_API_KEY: 'AIza-google' })[0]!.apiKey).toBe('AIza-gemini');
  });

  it('treats blank env values as unset', () => {
    expect(parseChain('openai:gpt-4o-mini', { OPENAI_API_KEY: '  ', OPENAI_BASE_URL: '' })).toEqual([{ provider: 'openai', model: 'gpt-4o-mini' }]);
  });

  it('rejects an unknown provider, listing the valid ones', () => {
    const e = thrown(() => parseChain('openai:gpt-4o-mini,mistral:large', ENV));
    expect(e.code).toBe('PROVIDER_CONFIG');
    expect(e.message).toContain("'mistral'");
    for (const p of ['openai', 'openrouter', 'ollama', 'anthropic', 'gemini', 'offline']) expect(e.message).toContain(p);
  });

  it.each(['openai:', 'openai', 'anthropic:  ', 'ollama:'])('rejects an empty model: %s', (text) => {
    const e = thrown(() => parseChain(text, ENV));
    expect(e.code).toBe('PROVIDER_CONFIG');
    expect(e.message).toMatch(/needs a model/);
  });

  it('rejects an empty chain', () => {
    expect(thrown(() => parseChain(' , ', ENV)).code).toBe('PROVIDER_CONFIG');
  });
});

describe('defaultChain', () => {
  it('lists the configured providers in a fixed order, offline last', () => {
    expect(defaultChain(ENV)).toEqual([
      { provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-openai' },
      { provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: 'sk-ant' },
      { provider: 'gemini', model: 'gemini-2.0-flash', apiKey: 'AIza-gem' },
      { provider: 'openrouter', model: 'openai/gpt-4o-mini', apiKey: 'sk-or' },
      { provider: 'offline', model: 'deterministic' },
    ]);
  });

  it('skips providers without a key', () => {
    expect(defaultChain({ GOOGLE_API_KEY: 'AIza-g', ANTHROPIC_BASE_URL: 'https://x' }).map((s) => s.provider)).toEqual(['gemini', 'offline']);
  });

  it('is just offline when nothing is configured', () => {
    expect(defaultChain({})).toEqual([{ provider: 'offline', model: 'deterministic' }]);
  });
});
