/**
 * Known parser bugs the fuzzer found, pending a fix in shared/ (the fuzzer never fixes a
 * parser itself). A violation matching an entry is counted and printed, not failed, so the
 * suite stays green while the fix is pending; every other violation fails. When a bug is
 * fixed, delete its entry here (and its `pending` mark in corpus/regressions/index.json):
 * from then on the fuzzer and the regression replay hold the fix in place.
 */
import type { ViolationKind } from './target';

export interface PendingBug {
  /** Stable id, also used in corpus/regressions/index.json. */
  id: string;
  /** Targets where it shows. */
  targets: readonly string[];
  /** What is wrong, and where to fix it. */
  summary: string;
  kinds: readonly ViolationKind[];
  /** Matches the violation's message: narrow, so no other bug hides behind it. */
  message: RegExp;
  /** Matches the case's variant too, when given (hangs carry no message of their own). */
  variant?: RegExp;
}

export const PENDING: readonly PendingBug[] = [];

export function matchPending(target: string, outcome: { kind: ViolationKind; message: string }, variant = '', list: readonly PendingBug[] = PENDING): PendingBug | null {
  return (
    list.find(
      (bug) => bug.targets.includes(target) && bug.kinds.includes(outcome.kind) && bug.message.test(outcome.message) && (!bug.variant || bug.variant.test(variant)),
    ) ?? null
  );
}
