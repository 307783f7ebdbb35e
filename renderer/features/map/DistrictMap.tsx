/**
 * Leaflet choropleth of one area layer. No tile layer: the polygons are the map, so
 * nothing is ever fetched. The layer is built once per geography and restyled in
 * place when indicator or period change.
 */
import { useEffect, useRef } from 'react';
import L from 'leaflet';
import type { Feature, FeatureCollection } from 'geojson';
import type { Choropleth } from './choropleth';
import type { LayerView } from './layer-view';
import { useT } from '../../i18n/useT';

/** A flag drawn on the map: a symbol at the area's centre whose shape and colour give the level. */
export interface MapMark {
  level: 'alarm' | 'warning' | 'watch';
  /** What the mark says (tooltip and accessible name). */
  text: string;
}

const MARK_GLYPH: Record<MapMark['level'], string> = { alarm: '▲', warning: '■', watch: '◆' };

interface Props {
  /** The area layer drawn (basisdistrikt, bydel, boligområde, …). */
  view: LayerView;
  choropleth: Choropleth;
  /** Areas whose figure rests on a population below the indicator's minimum: hatched. */
  smallAreas?: ReadonlySet<string>;
  /** Flags by area id (none: no marks). */
  marks?: ReadonlyMap<string, MapMark>;
  /** Area names written on the map. */
  showLabels?: boolean;
  /** An offline basemap under the areas (a PMTiles layer), or null. */
  basemap?: L.Layer | null;
  selectedAreaId: string | null;
  onSelect(areaId: string): void;
  describe(areaId: string): string;
}

const HATCH_ID = 'bm-small-hatch';
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Diagonal hatching in black and white, visible on every class colour. */
function addHatchPattern(svg: SVGSVGElement): void {
  if (svg.querySelector(`#${HATCH_ID}`)) return;
  const defs = document.createElementNS(SVG_NS, 'defs');
  const pattern = document.createElementNS(SVG_NS, 'pattern');
  pattern.setAttribute('id', HATCH_ID);
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('width', '7');
  pattern.setAttribute('height', '7');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  for (const [x, colour] of [[1, '#ffffff'], [3, '#000000']] as const) {
    const line = document.createElementNS(SVG_NS, 'line');
    line.setAttribute('x1', String(x));
    line.setAttribute('x2', String(x));
    line.setAttribute('y1', '0');
    line.setAttribute('y2', '7');
    line.setAttribute('stroke', colour);
    line.setAttribute('stroke-width', '1.4');
    line.setAttribute('stroke-opacity', '0.7');
    pattern.appendChild(line);
  }
  defs.appendChild(pattern);
  svg.insertBefore(defs, svg.firstChild);
}

export function DistrictMap({ view, choropleth, smallAreas, marks, showLabels = false, basemap = null, selectedAreaId, onSelect, describe }: Props) {
  const t = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<L.GeoJSON | null>(null);
  const marksRef = useRef<L.LayerGroup | null>(null);
  const labelsRef = useRef<L.LayerGroup | null>(null);
  const hatchRef = useRef<L.GeoJSON | null>(null);
  const mapRef = useRef<L.Map | null>(null);
  const { geometry, idProperty } = view;
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const describeRef = useRef(describe);
  describeRef.current = describe;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const map = L.map(container, { attributionControl: false, zoomSnap: 0.25 });
    mapRef.current = map;
    const layer = L.geoJSON(geometry as unknown as FeatureCollection, {
      onEachFeature(feature: Feature, path) {
        const areaId = String(feature.properties?.[idProperty]);
        path.on('click', () => onSelectRef.current(areaId));
        path.bindTooltip(() => describeRef.current(areaId), { sticky: true });
        // Names the drawn shape, for tests and for tools that read the page.
        // Out of the tab order: 84 shapes would bury the panel; the area list is the keyboard route.
        path.on('add', () => {
          const element = (path as L.Path).getElement();
          element?.setAttribute('data-area-id', areaId);
          element?.setAttribute('tabindex', '-1');
        });
      },
    }).addTo(map);
    layerRef.current = layer;
    // The hatching lies over the colours and lets clicks and tooltips through to them.
    hatchRef.current = L.geoJSON(geometry as unknown as FeatureCollection, { interactive: false, style: { stroke: false, fillOpacity: 0 } }).addTo(map);
    marksRef.current = L.layerGroup().addTo(map);
    labelsRef.current = L.layerGroup().addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [12, 12] });
    // Leaflet creates its SVG once the map has a view.
    const svg = container.querySelector<SVGSVGElement>('.leaflet-overlay-pane svg');
    if (svg) addHatchPattern(svg);
    return () => {
      layerRef.current = null;
      marksRef.current = null;
      labelsRef.current = null;
      hatchRef.current = null;
      mapRef.current = null;
      map.remove();
    };
  }, [geometry, idProperty]);

  useEffect(() => {
    layerRef.current?.setStyle((feature) => {
      const areaId = String(feature?.properties?.[idProperty]);
      const selected = areaId === selectedAreaId;
      return {
        fillColor: choropleth.colourByArea.get(areaId) ?? '#d9d9d9',
        // Over a basemap the streets show through a little.
        fillOpacity: basemap ? 0.7 : 0.85,
        color: selected ? '#000000' : '#ffffff',
        weight: selected ? 3 : 0.8,
      };
    });
    if (selectedAreaId) {
      layerRef.current?.eachLayer((l) => {
        const feature = (l as L.Polygon).feature as Feature | undefined;
        if (String(feature?.properties?.[idProperty]) !== selectedAreaId) return;
        const polygon = l as L.Polygon;
        polygon.bringToFront();
        // Chosen from the list while out of view (zoomed in elsewhere): bring it into view.
        const map = mapRef.current;
        const bounds = polygon.getBounds();
        if (map && !map.getBounds().contains(bounds)) map.fitBounds(bounds.pad(1.5), { maxZoom: map.getZoom() });
      });
    }
  }, [choropleth, selectedAreaId, idProperty, geometry, basemap]);

  useEffect(() => {
    hatchRef.current?.setStyle((feature) => {
      const small = smallAreas?.has(String(feature?.properties?.[idProperty])) ?? false;
      return { stroke: false, fill: small, fillColor: `url(#${HATCH_ID})`, fillOpacity: small ? 1 : 0 };
    });
  }, [smallAreas, idProperty, geometry]);

  useEffect(() => {
    const group = marksRef.current;
    const layer = layerRef.current;
    if (!group || !layer) return;
    group.clearLayers();
    if (!marks || marks.size === 0) return;
    layer.eachLayer((l) => {
      const polygon = l as L.Polygon;
      const areaId = String((polygon.feature as Feature | undefined)?.properties?.[idProperty]);
      const mark = marks.get(areaId);
      if (!mark) return;
      const icon = L.divIcon({ className: `flag-mark ${mark.level}`, html: MARK_GLYPH[mark.level], iconSize: [18, 18] });
      L.marker(polygon.getBounds().getCenter(), { icon, title: mark.text, alt: mark.text, keyboard: false })
        .on('click', () => onSelectRef.current(areaId))
        .addTo(group);
    });
  }, [marks, idProperty, geometry]);

  useEffect(() => {
    const group = labelsRef.current;
    const layer = layerRef.current;
    if (!group || !layer) return;
    group.clearLayers();
    if (!showLabels) return;
    const names = new Map(view.areas.map((a) => [a.id, a.name]));
    layer.eachLayer((l) => {
      const polygon = l as L.Polygon;
      const areaId = String((polygon.feature as Feature | undefined)?.properties?.[idProperty]);
      L.tooltip({ permanent: true, direction: 'center', className: 'area-label', interactive: false })
        .setLatLng(polygon.getBounds().getCenter())
        .setContent(names.get(areaId) ?? areaId)
        .addTo(group);
    });
  }, [showLabels, view, idProperty, geometry]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !basemap) return;
    basemap.addTo(map);
    (basemap as L.GridLayer).bringToBack?.();
    return () => {
      basemap.remove();
    };
  }, [basemap, geometry]);

  const showAll = () => {
    const layer = layerRef.current;
    if (layer) mapRef.current?.fitBounds(layer.getBounds(), { padding: [12, 12] });
  };
  return (
    <div className="map-frame">
      <div ref={containerRef} className="district-map" data-testid="district-map" />
      <button type="button" className="map-show-all" onClick={showAll} data-testid="map-show-all">
        {t('mapShowAll')}
      </button>
    </div>
  );
}
