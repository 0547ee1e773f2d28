// Where this workstation's practice is and whether it answers: the first run's choice, the
// settings panel and the offline banner read it. The shell says when a clinic server goes
// silent (no byte for 5 s) and when it answers again (`connection` events).
import { connectionStatus, onConnection, type ConnectionStatus } from '../backend/connection';

export const connection = $state<{ status: ConnectionStatus | null }>({ status: null });

/** Asks the shell where the practice is (and whether it answers). */
export async function refreshConnection(): Promise<ConnectionStatus> {
  const status = await connectionStatus();
  connection.status = status;
  return status;
}

/** Whether this workstation works on a clinic server's practice. */
export function connected(): boolean {
  return connection.status?.mode === 'server';
}

/** Whether the clinic server is unreachable now (never on this computer's practice). */
export function offline(): boolean {
  return connected() && connection.status?.online === false;
}

/** Follows the shell's `connection` events until the returned function is called. */
export function followConnection(): () => void {
  const stop = onConnection((event) => {
    if (connection.status) connection.status = { ...connection.status, online: event.online };
  });
  return () => void stop.then((unlisten) => unlisten()).catch(() => {});
}
