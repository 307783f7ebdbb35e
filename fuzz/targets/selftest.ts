/**
 * selftest: a target that misbehaves on purpose, so harness.test.ts can check the watchdog:
 * case 1 never returns, case 2 throws a TypeError, case 3 rejects a promise no one awaits,
 * case 4 ends its worker; the rest are accepted.
 */
import type { FuzzTarget } from '../target';

export const selftestTarget: FuzzTarget = {
  name: 'selftest',
  description: 'the harness checking itself (not a parser)',
  defaultCases: 6,
  budgetMs: 1_000,
  generate: (_rng, index) => ({ variant: `case-${index}`, bytes: Uint8Array.of(index) }),
  async run(input) {
    switch (input.bytes[0]) {
      case 1:
        for (;;) {
          // A synchronous parser that never returns.
        }
      case 2:
        return (null as unknown as { x: () => never }).x();
      case 3:
        void Promise.reject(new RangeError('nobody listens'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { status: 'accepted' };
      case 4:
        process.exit(3);
        break;
    }
    return { status: 'accepted' };
  },
};
