/**
 * ipcRenderer.invoke wraps main-process errors as
 * "Error invoking remote method 'host:…': Error: <message>". The preload strips that
 * wrapper so the renderer sees the message main wrote (e.g. "unreadable-file: …").
 */
const REMOTE_PREFIX = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/;

export function remoteErrorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(REMOTE_PREFIX, '');
}
