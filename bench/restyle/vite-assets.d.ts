/**
 * The bench page imports renderer modules whose imports reach renderer/engine/duckdb.ts
 * and parquet.ts, which import wasm and worker files as Vite `?url` assets (a URL
 * string). tsconfig.json checks bench/ without Vite's client types, so this declares
 * just that kind of import for it, as vite/client does for the renderer.
 */
declare module '*?url' {
  const url: string;
  export default url;
}
