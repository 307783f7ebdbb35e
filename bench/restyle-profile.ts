/**
 * Where the app's restyle time goes, for `RESTYLE_PROFILE=1 npm run bench -- --only restyle`:
 * after the timed runs, the bench page is built again unminified (readable function
 * names; its timings are not the figures) and, for each size, more steps run under
 * Chrome's sampling CPU profiler (DevTools protocol, 0.1 ms interval). For each kind of
 * step it logs the functions that the synchronous part of the change spends its time in
 * (the change event with React's render, commit and effects, inclusive ms per step,
 * React's and the bench's own plumbing left out), and writes the profiles to
 * bench/tmp/restyle-<areas>-<kind>.cpuprofile for DevTools' Performance panel. The
 * browser's style, layout and paint after the change are the steps' `frame` times.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { BENCH_GLOBAL, type RestyleBenchApi, type RoundResult, type StepKind } from './restyle/protocol';
import type { BenchContext } from './types';

/** The CPU profile of the DevTools protocol (Profiler.stop). */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Frames that every step passes through: the event dispatch and React's scheduling (names without a `$1` suffix). */
const PLUMBING = new RegExp(
  '^(dispatchEvent|dispatchDiscreteEvent|dispatchEventForPluginEventSystem|batchedUpdates|flushSync\\w*|performSyncWorkOnRoot|performWorkOnRoot\\w*|' +
    'renderRootSync|workLoopSync|performUnitOfWork|beginWork|completeUnitOfWork|renderWithHooks|updateFunctionComponent|commitRoot|completeRoot\\w*|' +
    'flushPassiveEffects|flushPendingEffects|flushSpawnedWork|flushMutationEffects|commitPassiveMount\\w*|commitHookEffectListMount|recursivelyTraverse\\w*|' +
    'commitMutationEffectsOnFiber|updateMemo|exports\\.\\w+)$',
);

const STEPS_PER_KIND = 10;

/** The app's own change: samples under the page's `choose` (the change event and all React does for it). */
function breakdown(profiles: readonly CpuProfile[], bundleLines: readonly string[], top: number): string[] {
  // The top-level function each bundle line is in (a component or hook, in the unminified bundle).
  const enclosing: string[] = [];
  let current = '';
  for (const line of bundleLines) {
    current = /^(?:async )?function\*? ?([\w$]+)/.exec(line)?.[1] ?? current;
    enclosing.push(current);
  }
  const totals = new Map<string, number>();
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const label = (id: number): string => {
      const frame = byId.get(id)?.callFrame;
      if (!frame) return '?';
      if (!frame.url) return frame.functionName;
      const within = enclosing[frame.lineNumber];
      const name = frame.functionName || `(anonymous in ${within || '?'}: ${(bundleLines[frame.lineNumber] ?? '').trim().slice(0, 70)})`;
      return `${name}${frame.functionName && within && within !== frame.functionName ? ` in ${within}` : ''}  [bundle line ${frame.lineNumber + 1}]`;
    };
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const chain: number[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) chain.push(at);
      // Leaf first: the frames below the page's `choose` are the app's.
      const change = chain.findIndex((at) => byId.get(at)?.callFrame.functionName === 'choose');
      if (change < 0) return;
      const seen = new Set<string>();
      for (const at of chain.slice(0, change)) {
        if (PLUMBING.test((byId.get(at)?.callFrame.functionName ?? '').replace(/\$\d+$/, ''))) continue;
        const key = label(at);
        if (seen.has(key)) continue;
        seen.add(key);
        totals.set(key, (totals.get(key) ?? 0) + ms);
      }
    });
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => `${(ms / profiles.length).toFixed(1).padStart(7)} ms  ${key}`);
}

/** Profiles STEPS_PER_KIND steps of each kind on an already built unminified page. */
export async function profileRestyle(browser: Browser, url: string, buildDir: string, sizes: readonly number[], outDir: string, context: BenchContext): Promise<void> {
  const bundleFile = (await readdir(path.join(buildDir, 'assets'))).find((name) => name.startsWith('index-') && name.endsWith('.js'));
  const bundleLines = bundleFile ? (await readFile(path.join(buildDir, 'assets', bundleFile), 'utf8')).split('\n') : [];
  for (const areas of sizes) {
    const page = await browser.newPage({ viewport: { width: 1800, height: 1000 }, deviceScaleFactor: 1 });
    try {
      await page.goto(`${url}index.html?areas=${areas}&seed=1`);
      await page.waitForFunction((name) => (window as unknown as Record<string, unknown>)[name] !== undefined, BENCH_GLOBAL, { timeout: 120_000 });
      const round = () => page.evaluate((name) => (window as unknown as Record<string, RestyleBenchApi>)[name]!.round(), BENCH_GLOBAL);
      for (let i = 0; i < 4; i++) await round();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      const profiles: Record<StepKind, CpuProfile[]> = { indicator: [], period: [] };
      const steps: Record<StepKind, RoundResult['app'][]> = { indicator: [], period: [] };
      for (let i = 0; i < 2 * STEPS_PER_KIND; i++) {
        await cdp.send('Profiler.start');
        const result = await round();
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
        profiles[result.app.kind].push(profile);
        steps[result.app.kind].push(result.app);
      }
      await cdp.detach();
      for (const kind of ['indicator', 'period'] as const) {
        const file = path.join(outDir, `restyle-${areas}-${kind}.cpuprofile`);
        await writeFile(file, JSON.stringify(profiles[kind][profiles[kind].length - 1]));
        const mean = (pick: (s: RoundResult['app']) => number) => (steps[kind].reduce((sum, s) => sum + pick(s), 0) / steps[kind].length).toFixed(1);
        context.log(
          `restyle profile, ${areas} areas, ${kind} steps (unminified build, under the profiler): mean ${mean((s) => s.ms)} ms to paint, ` +
            `synchronous ${mean((s) => s.syncMs)} ms, painted frame ${mean((s) => s.frameMs)} ms; the synchronous part by function (inclusive, per step); ` +
            `last profile in ${path.relative(process.cwd(), file)}`,
        );
        for (const line of breakdown(profiles[kind], bundleLines, 25)) context.log(`  ${line}`);
      }
    } finally {
      await page.close();
    }
  }
}
