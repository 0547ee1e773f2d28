import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

describe('types.ts', () => {
  it('re-exports the generated index of every binding, adding nothing by hand', () => {
    const text = readFileSync(join(here, 'types.ts'), 'utf8');
    expect(text).toContain("export type * from './bindings/index';");
    expect(text).not.toMatch(/export type \{/);
    const index = readFileSync(join(here, 'bindings', 'index.ts'), 'utf8');
    // Commands.ts (the command table's map) is not a type of its own: it imports from the index and
    // is imported on its own, by backend.ts's `call`.
    const generated = readdirSync(join(here, 'bindings')).filter(
      (f) => f.endsWith('.ts') && !['index.ts', 'vocabulary.ts', 'Commands.ts'].includes(f),
    );
    for (const file of generated) expect(index).toContain(`from "./${file.replace(/\.ts$/, '')}"`);
    expect(readFileSync(join(here, 'bindings', 'Commands.ts'), 'utf8')).toContain('} from "./index";');
  });
});

describe('the backend module', () => {
  it('is the only importer of @tauri-apps/api (lib/backend/)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) {
          if (readFileSync(path, 'utf8').includes('@tauri-apps/') && !path.includes(join('lib', 'backend') + '/'))
            offenders.push(path);
        }
      }
    };
    walk(join(here, '..'));
    expect(offenders).toEqual([]);
  });

  it('is never bypassed by {@html}', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.svelte') && readFileSync(path, 'utf8').includes('{@html')) offenders.push(path);
      }
    };
    walk(join(here, '..'));
    expect(offenders).toEqual([]);
  });
});
