import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { ICON_PATHS, ICON_SIZES } from './icon-sizes';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number; png: boolean } {
  const b = readFileSync(file);
  return { png: b.subarray(1, 4).toString('latin1') === 'PNG', width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('the extension icon', () => {
  it('exists at every size the manifest lists, each PNG its own size', () => {
    for (const size of ICON_SIZES) expect(pngSize(join(import.meta.dirname, '../public/icon', `${size}.png`))).toEqual({ png: true, width: size, height: size });
  });

  it('is the icon of the extension and of its toolbar button', () => {
    const manifest = config.manifest as { icons?: unknown; action?: { default_icon?: unknown } };
    expect(manifest.icons).toEqual(ICON_PATHS);
    expect(manifest.action?.default_icon).toEqual(ICON_PATHS);
  });
});
