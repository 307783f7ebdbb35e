/**
 * Which indicator packs the analyst can choose from: the packs shipped with the app and
 * packs she loaded from her own files in this session, and which one is chosen. A pack
 * file is validated in full before it joins the list; its problems are kept for the view
 * to show, each naming the indicator and the field.
 */
import { create } from 'zustand';
import type { IndicatorPack, LocalizedText } from '../../shared/indicators/pack';
import { BUILTIN_PACKS } from '../../shared/indicators/packs/index';
import { parsePack, type PackProblem } from '../../shared/indicators/schema';

/** Packs are small JSON files; anything larger is not a pack (and is not read into memory). */
export const MAX_PACK_FILE_BYTES = 2 * 1024 * 1024;

export interface PackFileProblems {
  /** The file name, or the pack's label when a valid pack does not fit the open extract. */
  source: LocalizedText;
  problems: PackProblem[];
}

interface PacksState {
  builtin: readonly IndicatorPack[];
  loaded: IndicatorPack[];
  chosenId: string;
  problems: PackFileProblems | null;
  /** The chosen pack (a shipped one when the chosen id is unknown). */
  chosen(): IndicatorPack;
  all(): IndicatorPack[];
  /** Reads and validates a pack file; returns the pack when valid (not yet listed: see adopt). */
  readPackFile(file: File): Promise<IndicatorPack | null>;
  /** Lists a pack of the analyst's own and chooses it, once it has computed on the open extract. */
  adopt(pack: IndicatorPack): void;
  showProblems(problems: PackFileProblems | null): void;
}

function fileProblem(da: string, en: string): PackProblem[] {
  return [{ indicatorId: null, field: '', message: { da, en } }];
}

export const usePacksStore = create<PacksState>()((set, get) => ({
  builtin: BUILTIN_PACKS,
  loaded: [],
  chosenId: BUILTIN_PACKS[0]!.id,
  problems: null,

  chosen() {
    const all = get().all();
    return all.find((p) => p.id === get().chosenId) ?? all[0]!;
  },

  all() {
    return [...get().builtin, ...get().loaded];
  },

  adopt(pack) {
    // Loading a corrected version of the same pack replaces the earlier one.
    const own = get().builtin.some((p) => p.id === pack.id) ? get().loaded : [...get().loaded.filter((p) => p.id !== pack.id), pack];
    set({ loaded: own, chosenId: pack.id, problems: null });
  },

  showProblems(problems) {
    set({ problems });
  },

  async readPackFile(file) {
    const report = (problems: PackProblem[]) => {
      set({ problems: { source: { da: file.name, en: file.name }, problems } });
      return null;
    };
    if (file.size > MAX_PACK_FILE_BYTES) {
      return report(fileProblem(
        `filen fylder ${Math.round(file.size / 1024)} KB; en indikatorpakke er en lille JSON-fil (højst 2 MB). Vælg pakkens .json-fil`,
        `the file is ${Math.round(file.size / 1024)} KB; an indicator pack is a small JSON file (at most 2 MB). Choose the pack's .json file`,
      ));
    }
    let text: string;
    try {
      text = await file.text();
    } catch (err) {
      return report(fileProblem(`filen kunne ikke læses (${String(err)})`, `the file could not be read (${String(err)})`));
    }
    const parsed = parsePack(text);
    if (!parsed.ok) return report(parsed.problems);
    const pack = parsed.pack;
    if (get().builtin.some((p) => p.id === pack.id)) {
      return report([{
        indicatorId: null,
        field: 'id',
        message: {
          da: `"${pack.id}" er id'et på en pakke, der følger med programmet; giv din pakke et andet id`,
          en: `"${pack.id}" is the id of a pack shipped with the app; give your pack another id`,
        },
      }]);
    }
    return pack;
  },
}));
