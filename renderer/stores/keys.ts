/** The analyst's stored keys as the host reports them (public parts only). */
import { create } from 'zustand';
import type { NewKeyRequest, StoredKeyInfo } from '../../shared/host/contract';
import { keyStoreErrorCode } from '../../shared/keys/key-store';
import { getHost } from '../host';

interface KeysState {
  keys: StoredKeyInfo[];
  osKeystore: boolean;
  /** A key-store error code, or 'unexpected'. */
  error: string | null;
  refresh(): Promise<void>;
  create(request: NewKeyRequest): Promise<StoredKeyInfo | null>;
  importFile(request: NewKeyRequest): Promise<StoredKeyInfo | null>;
  remove(id: string): Promise<void>;
}

export const useKeysStore = create<KeysState>()((set, get) => {
  const guarded = async <T>(action: () => Promise<T>): Promise<T | null> => {
    try {
      const result = await action();
      set({ error: null });
      return result;
    } catch (err) {
      set({ error: keyStoreErrorCode(err instanceof Error ? err.message : '') ?? 'unexpected' });
      return null;
    }
  };
  return {
    keys: [],
    osKeystore: false,
    error: null,
    async refresh() {
      await guarded(async () => {
        const [keys, status] = await Promise.all([getHost().listKeys(), getHost().keyStoreStatus()]);
        set({ keys, osKeystore: status.osKeystore });
      });
    },
    async create(request) {
      const info = await guarded(() => getHost().createKey(request));
      if (info) await get().refresh();
      return info;
    },
    async importFile(request) {
      const info = await guarded(() => getHost().importKeyFile(request));
      if (info) await get().refresh();
      return info;
    },
    async remove(id) {
      await guarded(() => getHost().deleteKey(id));
      await get().refresh();
    },
  };
});
