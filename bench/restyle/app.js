// The app's Workspace and its stylesheets, for the bench page (bench/restyle/main.ts).
// JavaScript on purpose, typed by app.d.ts: tsconfig.json type-checks bench/ as Node code
// (no JSX, no Vite asset types), so a TypeScript file under bench/ that imported the
// Workspace's .tsx would pull the renderer's components into that program. Vite builds
// this file and everything it imports with the renderer's React and CSS handling.
import 'leaflet/dist/leaflet.css';
import '../../renderer/app/styles.css';

export { Workspace } from '../../renderer/app/Workspace';
