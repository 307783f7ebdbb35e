/** Reads Parquet bytes back as row objects (hyparquet), to check what the builder wrote. */
import { gunzipSync } from 'fflate';
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';

export async function parquetRows(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file: bytes.slice().buffer, compressors: { GZIP: (input) => gunzipSync(input) } });
}

/** Column name → Parquet physical type (and converted type), from the file's schema. */
export function parquetTypes(bytes: Uint8Array): Record<string, string> {
  const tree = parquetSchema(parquetMetadata(bytes.slice().buffer));
  return Object.fromEntries(
    tree.children.map((c) => [c.element.name, [c.element.type, c.element.converted_type].filter(Boolean).join('/')]),
  );
}
