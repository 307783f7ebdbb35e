/** What the command-line tools need from the process, injected so tests can stand in for it. */
import { promptHidden } from './extract/prompt';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** True when a person can answer a prompt. */
  interactive: boolean;
  promptHidden: (question: string) => Promise<string>;
  now: () => Date;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    interactive: process.stdin.isTTY === true,
    promptHidden,
    now: () => new Date(),
  };
}
