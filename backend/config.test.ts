import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('config', () => {
  it('needs nothing: port 8787, the embedded database in ./data, any extension and the local dashboard', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8787, databaseUrl: undefined, dataDir: './data', bodyLimit: 2 * 1024 * 1024, trustProxy: 0 });
    expect(config.cors).toEqual({ extensionIds: [], dashboardOrigin: 'http://localhost:8787' });
  });

  it('reads the environment', () => {
    const config = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://db/cvpath', DATA_DIR: '/var/lib/cvpath', EXTENSION_IDS: 'abcdefghijklmnopabcdefghijklmnop, bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', DASHBOARD_ORIGIN: 'https://app.cvpath.example' });
    expect(config).toMatchObject({ port: 9000, databaseUrl: 'postgres://db/cvpath', dataDir: '/var/lib/cvpath' });
    expect(config.cors).toEqual({ extensionIds: ['abcdefghijklmnopabcdefghijklmnop', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'], dashboardOrigin: 'https://app.cvpath.example' });
  });

  it('refuses values that would fail later in a confusing way', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => loadConfig({ EXTENSION_IDS: 'chrome-extension://abc' })).toThrow(/not a Chrome extension id/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY must be a whole number/);
  });

  it('reads TRUST_PROXY as a number of proxy hops (true is one)', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(0);
  });
});
