/** The extract builder's inputs: tables (CSV, XLSX, Parquet), layers (GeoJSON, shapefiles), extract.json, cells. */
import { describe } from 'vitest';
import { fuzzTest } from './run';

describe('fuzz: builder inputs', () => {
  fuzzTest('builder');
  fuzzTest('cells');
});
