import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call } from '../../lib/backend/backend';
import type { PairedDevice } from '../../lib/types';
import WorkstationsPanel from './WorkstationsPanel.svelte';

vi.mock('../../lib/backend/backend', () => ({
  call: vi.fn(),
  toApiError: (e: unknown) => e,
}));

afterEach(() => {
  cleanup();
  vi.mocked(call).mockReset();
});

const desk: PairedDevice = { id: 'd1', name: 'Front desk', paired_at: '2026-11-20T09:00:00Z', last_seen_at: null, revoked_at: null };
const room: PairedDevice = { ...desk, id: 'd2', name: 'Room 2', last_seen_at: '2026-11-28T09:41:00Z' };

/** The server as the panel sees it: its workstations, a code, and revoking one. */
function server() {
  const devices = [desk, room];
  vi.mocked(call).mockImplementation((async (name: string, request: { id?: string }) => {
    if (name === 'list_devices') return devices.map((d) => ({ ...d }));
    if (name === 'create_pairing_code') return { code: '7F3A-291804', expires_at: '2026-11-28T10:10:00Z' };
    if (name === 'revoke_device') {
      const device = devices.find((d) => d.id === request.id)!;
      device.revoked_at = '2026-11-28T10:00:00Z';
      return device;
    }
    throw new Error(`unexpected ${name}`);
  }) as typeof call);
}

describe('the paired workstations', () => {
  it('lists every workstation and gives a one-time code for a new one', async () => {
    server();
    render(WorkstationsPanel);
    expect(await screen.findAllByTestId('device-row')).toHaveLength(2);
    await fireEvent.click(screen.getByTestId('new-pairing-code'));
    expect((await screen.findByTestId('pairing-code')).textContent).toContain('7F3A-291804');
  });

  it('shows when each workstation last reached the server', async () => {
    server();
    render(WorkstationsPanel);
    const seen = await screen.findAllByTestId('device-last-seen');
    expect(seen[0].textContent).toBe('Not yet');
    expect(seen[1].textContent).not.toBe('Not yet');
    expect(seen[1].textContent).toContain('2026');
  });

  it('revokes a workstation only once the manager confirms, then shows it revoked', async () => {
    server();
    render(WorkstationsPanel);
    const [, second] = await screen.findAllByTestId('revoke-device');
    await fireEvent.click(second);
    expect(call).not.toHaveBeenCalledWith('revoke_device', expect.anything());
    await fireEvent.click(screen.getByTestId('confirm-revoke'));
    expect(call).toHaveBeenCalledWith('revoke_device', { id: 'd2' });
    await vi.waitFor(() => expect(screen.getAllByTestId('revoke-device')).toHaveLength(1));
    expect(screen.getAllByTestId('device-row')[1].textContent).toContain('Revoked');
  });
});
