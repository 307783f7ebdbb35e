/** The layer part of an export's input: the map layer's areas, their bydele and whether they tile the municipality. */
import type { IndicatorTableInput } from '../../../shared/export/indicator-table';
import type { LoadedExtract } from '../../engine/open-extract';
import { layerView, type LayerView } from '../map/layer-view';

export function exportLayerInput(extract: LoadedExtract, view: LayerView): Pick<IndicatorTableInput, 'results' | 'layer' | 'parent' | 'coversMunicipality' | 'municipalityName'> {
  const layerDef = extract.manifest.areaLayers.find((l) => l.id === view.layerId)!;
  const parentView = layerDef.parent ? layerView(extract.manifest, extract.layers, layerDef.parent.layer) : null;
  return {
    results: extract.analysis.packResults,
    layer: { id: view.layerId, areas: view.areas },
    parent: parentView ? { id: parentView.layerId, areas: parentView.areas } : null,
    // The base layer tiles the municipality; other layers (estates) need not.
    coversMunicipality: view.layerId === extract.manifest.baseLayer,
    municipalityName: extract.manifest.municipality.name,
  };
}
