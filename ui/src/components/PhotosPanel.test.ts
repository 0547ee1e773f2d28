// Adding photos: which view they show is chosen by whoever adds them. Until it is, nothing is
// sent and the missing choice is named with any other problem of the row.
import { cleanup, fireEvent, render, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn(async (command: string): Promise<unknown> => (command === 'client_photos' ? [] : null));
vi.mock('@tauri-apps/api/core', () => ({ invoke: (command: string) => invoke(command), convertFileSrc: (p: string) => p }));
vi.mock('@tauri-apps/api/event', () => ({ listen: async () => () => {} }));

const { default: PhotosPanel } = await import('./PhotosPanel.svelte');

afterEach(cleanup);

const photo = () => new File([new Uint8Array([0xff, 0xd8, 0xff])], 'crown.jpg', { type: 'image/jpeg' });

describe('adding photos', () => {
  it('starts with no view chosen and sends nothing until one is', async () => {
    const { getByTestId, findByText } = render(PhotosPanel, { clientId: 'c-1', first: [] });
    const select = getByTestId('photo-view') as HTMLSelectElement;
    expect(select.value).toBe('');
    expect(select.options[0].textContent).toContain('Choose');
    const input = getByTestId('photo-file') as HTMLInputElement;
    await fireEvent.change(input, { target: { files: [photo()] } });
    expect(await findByText('View: choose one')).toBeTruthy();
    await waitFor(() => expect(select.getAttribute('aria-invalid')).toBe('true'));
    expect(invoke).not.toHaveBeenCalledWith('add_photo');
  });

  it('names an unreadable date together with the missing view', async () => {
    const { getByTestId, findByText } = render(PhotosPanel, { clientId: 'c-1', first: [] });
    const date = getByTestId('photo-taken-on') as HTMLInputElement;
    // What a date input holds when the person typed an impossible day: no value, but not empty.
    Object.defineProperty(date, 'validity', { value: { badInput: true, valid: false } });
    await fireEvent.change(getByTestId('photo-file'), { target: { files: [photo()] } });
    expect(await findByText('View: choose one')).toBeTruthy();
    expect(getByTestId('problem-count').textContent).toBe('2 problems to correct');
  });
});
