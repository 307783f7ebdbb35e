import { describe, expect, it } from 'vitest';
import { remoteErrorMessage } from './remote-error';

describe('remoteErrorMessage', () => {
  it('strips the IPC wrapper and keeps what main said', () => {
    const err = new Error("Error invoking remote method 'host:pick-extract-file': ExtractError: unreadable-file: the file no longer exists");
    expect(remoteErrorMessage(err)).toBe('unreadable-file: the file no longer exists');
    expect(remoteErrorMessage(new Error("Error invoking remote method 'host:x': Error: boom"))).toBe('boom');
  });
  it('leaves other messages alone', () => {
    expect(remoteErrorMessage(new Error('plain'))).toBe('plain');
    expect(remoteErrorMessage('text')).toBe('text');
  });
});
