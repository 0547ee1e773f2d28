// Checks over the components' markup that no type checker makes: separators Svelte would glue to
// a word, and buttons without the app's button styles.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = join(dirname(fileURLToPath(import.meta.url)), '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : [],
  );
}

describe('markup', () => {
  it('writes no separator where Svelte trims the space beside it ("11:00· Call back")', () => {
    // Svelte drops the whitespace at the start and end of a block and of an element's text, so
    // `{#if b} · {b}{/if}` or `<span> · {b}</span>` glue the dot to the word before it.
    const glued = /\{(#if|:else)[^}]*\}[ \t]*·|>[ \t]+·|·[ \t]+<\//;
    const offenders = files(src).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => [line, i] as const)
        .filter(([line]) => glued.test(line))
        .map(([line, i]) => `${relative(src, f)}:${i + 1}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('gives every button of the Data safety and recovery screens one of the app’s button styles', () => {
    const screens = files(join(src, 'components', 'data-safety')).concat(
      ['components/RecoveryPanel.svelte', 'components/ConfirmPrompt.svelte', 'pages/ClientPrintPage.svelte'].map((f) => join(src, f)),
    );
    const styled = /\bclass="[^"]*\b(primary|secondary|link|icon)\b/;
    const offenders = screens.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/<button\b[^>]*>/g)].filter((m) => !styled.test(m[0])).map((m) => `${relative(src, f)}: ${m[0]}`),
    );
    expect(offenders).toEqual([]);
  });
});
