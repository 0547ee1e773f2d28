import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..');

function files(dir: string, ending: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), ending) : ending.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('layout is ready for right-to-left languages', () => {
  it('uses logical CSS properties only (inline/block, start/end)', () => {
    const physical =
      /(margin|padding|border|inset)-(left|right|top|bottom)\b|(^|[\s;{])(left|right|top|bottom)\s*:|text-align:\s*(left|right)|float:\s*(left|right)|(^|[\s;{])(width|height|min-width|max-width|min-height|max-height)\s*:/m;
    const offenders = files(src, /\.(css|svelte)$/).filter((f) => physical.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
