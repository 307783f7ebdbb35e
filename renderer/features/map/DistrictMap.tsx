/**
 * Leaflet choropleth of the base districts. No tile layer: the polygons are the map,
 * so nothing is ever fetched. The layer is built once per extract and restyled in
 * place when indicator or period change.
 */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import type { Feature, FeatureCollection } from 'geojson';
import type { LoadedExtract } from '../../engine/open-extract';
import type { Choropleth } from './choropleth';

interface Props {
  extract: LoadedExtract;
  choropleth: Choropleth;
  selectedAreaId: string | null;
  onSelect(areaId: string): void;
  describe(areaId: string): string;
}

export function DistrictMap({ extract, choropleth, selectedAreaId, onSelect, describe }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<L.GeoJSON | null>(null);
  const idProperty = extract.manifest.areaLayers.find((l) => l.id === extract.manifest.baseLayer)?.idProperty ?? 'area_id';
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const describeRef = useRef(describe);
  describeRef.current = describe;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = L.map(container, { attributionControl: false, zoomSnap: 0.25 });
    const layer = L.geoJSON(extract.baseLayer as unknown as FeatureCollection, {
      onEachFeature(feature: Feature, path) {
        const areaId = String(feature.properties?.[idProperty]);
        path.on('click', () => onSelectRef.current(areaId));
        path.bindTooltip(() => describeRef.current(areaId), { sticky: true });
      },
    }).addTo(map);
    layerRef.current = layer;
    map.fitBounds(layer.getBounds(), { padding: [12, 12] });
    return () => {
      layerRef.current = null;
      map.remove();
    };
  }, [extract, idProperty]);

  useEffect(() => {
    layerRef.current?.setStyle((feature) => {
      const areaId = String(feature?.properties?.[idProperty]);
      const selected = areaId === selectedAreaId;
      return {
        fillColor: choropleth.colourByArea.get(areaId) ?? '#d9d9d9',
        fillOpacity: 0.85,
        color: selected ? '#000000' : '#ffffff',
        weight: selected ? 3 : 0.8,
      };
    });
    if (selectedAreaId) {
      layerRef.current?.eachLayer((l) => {
        const feature = (l as L.Polygon).feature as Feature | undefined;
        if (String(feature?.properties?.[idProperty]) === selectedAreaId) (l as L.Polygon).bringToFront();
      });
    }
  }, [choropleth, selectedAreaId, idProperty]);

  return <div ref={containerRef} className="district-map" data-testid="district-map" />;
}
