import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import UpkeepStatusLine from './UpkeepStatusLine.svelte';
import DamageBanner from './DamageBanner.svelte';

vi.mock('../../lib/backend/backend', () => ({
  call: vi.fn(async () => null),
  toApiError: (e: unknown) => e,
}));

afterEach(cleanup);

const idle = { doing: null, percent: null, damage: null, backup_error: null };

describe('the upkeep status line', () => {
  it('says what upkeep does and how far it has gone', () => {
    render(UpkeepStatusLine, { status: { ...idle, doing: 'backup', percent: 40 } });
    expect(screen.getByTestId('upkeep-status').textContent).toContain('Backing up… 40%');
  });

  it('names the check, without a percentage it does not know', () => {
    render(UpkeepStatusLine, { status: { ...idle, doing: 'quick_check' } });
    expect(screen.getByRole('status').textContent?.trim()).toBe('Checking the record…');
  });

  it('is gone when upkeep is idle', () => {
    render(UpkeepStatusLine, { status: idle });
    expect(screen.queryByTestId('upkeep-status')).toBeNull();
  });
});

describe('the damage banner', () => {
  it('says the record is damaged, what was found, and offers the newest good backup', async () => {
    render(DamageBanner, { damage: 'page 41: btreeInitPage() returns error code 11', onRecovered: vi.fn() });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('nothing more can be saved');
    expect(alert.textContent).toContain('btreeInitPage');
    screen.getByTestId('damage-restore').click();
    expect(await screen.findByTestId('recovery')).toBeTruthy();
  });
});
