// The one call a screen makes to follow live changes: `reloadOnChange(['calendar'], load)` in
// its script reloads its data when another window or workstation changes one of those areas
// (see lib/live.ts), until the screen closes.
import { onChanged } from '../backend/connection';
import { ChangeHub, LiveReload, type ChangeArea } from '../live';

const hub = new ChangeHub(onChanged);

/** Reloads the calling component's data (`reload`) when a change touches `areas` — for one
 * client's screen, `clientId` says whose. Call it during component initialisation. */
export function reloadOnChange(
  areas: readonly ChangeArea[],
  reload: () => unknown,
  clientId?: () => string | null | undefined,
): void {
  $effect(() => {
    const live = new LiveReload({ areas, clientId }, reload);
    const remove = hub.add((event) => live.heard(event));
    return () => {
      live.stop();
      remove();
    };
  });
}
