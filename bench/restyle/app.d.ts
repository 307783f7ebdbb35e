/**
 * The type of app.js's export: renderer/app/Workspace.tsx's component, whose props are
 * `{ extract: LoadedExtract }` (kept in step by hand; tsconfig.json cannot read the .tsx).
 */
import type { ReactElement } from 'react';
import type { LoadedExtract } from '../../renderer/engine/open-extract';

export declare function Workspace(props: { extract: LoadedExtract }): ReactElement | null;
