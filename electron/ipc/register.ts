/** Electron wiring: binds the host handlers to ipcMain, one channel each. */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { HOST_CHANNELS } from '../../shared/host/contract';
import type { HostHandler, HostChannel } from './handlers';

export function registerHostIpc(handlers: Record<HostChannel, HostHandler<BrowserWindow | null>>): void {
  for (const channel of Object.values(HOST_CHANNELS)) {
    const handler = handlers[channel];
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) =>
      handler({
        senderUrl: event.senderFrame?.url ?? null,
        owner: BrowserWindow.fromWebContents(event.sender),
        args,
      }),
    );
  }
}
