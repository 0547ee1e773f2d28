import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const { backend, BackendError, toApiError } = await import('./backend');

describe('backend module', () => {
  beforeEach(() => invoke.mockReset());

  it('sends each command its named arguments', async () => {
    invoke.mockResolvedValue([]);
    await backend.searchClients('mar', 'active', 20);
    expect(invoke).toHaveBeenCalledWith('search_clients', { typed: 'mar', filter: 'active', limit: 20 });
    await backend.setCurrentStaff(null);
    expect(invoke).toHaveBeenLastCalledWith('set_current_staff', { request: { current_staff_id: null } });
  });

  it('passes the shell’s ApiError through unchanged', () => {
    const shaped = { code: 'validation', message: 'Email is not an email address', field: 'email' } as const;
    expect(toApiError(shaped)).toEqual(shaped);
    expect(toApiError(new BackendError(shaped))).toEqual(shaped);
  });

  it('turns anything else into a bad_request', () => {
    expect(toApiError('missing required key input')).toEqual({
      code: 'bad_request',
      message: 'missing required key input',
      field: null,
    });
  });
});
