import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ErrorBanner from './ErrorBanner.svelte';

const stale = {
  code: 'conflict' as const,
  message: 'Since you opened this client, Dana Reyes changed it 2 minutes ago (contraindications). Your changes were not saved: reload to see theirs, then make yours again.',
  field: 'version',
};

afterEach(cleanup);

describe('the error banner', () => {
  it('offers to reload a record someone else changed since the form opened it', async () => {
    const onReload = vi.fn();
    render(ErrorBanner, { error: stale, onReload });
    expect(screen.getByRole('alert').textContent).toContain('Changed by someone else');
    expect(screen.getByRole('alert').textContent).toContain('Dana Reyes');
    await fireEvent.click(screen.getByTestId('reload-latest'));
    expect(onReload).toHaveBeenCalledOnce();
  });

  it('offers no reload for other conflicts, such as a duplicate name', () => {
    render(ErrorBanner, { error: { code: 'conflict', message: 'A site called Leeds already exists', field: 'name' }, onReload: vi.fn() });
    expect(screen.queryByTestId('reload-latest')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('Already exists');
  });
});
