/**
 * Sites on the map, each a circle whose area is its volume per observed time, over the
 * extract's base districts (when an extract is open) for orientation. Clicking a circle
 * (or pressing Enter on it) chooses the site for the views.
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { FeatureCollection } from 'geojson';
import { circleRadius, type SiteVolume } from '../../../shared/citylife/aggregate';
import type { GeoJsonFeatureCollection } from '../../../shared/extract/unpack';
import { formatRate } from './format';
import type { Language } from '../../../shared/i18n/messages';

interface Props {
  volumes: readonly SiteVolume[];
  selected: readonly string[];
  outline: GeoJsonFeatureCollection | null;
  unit: string;
  language: Language;
  onChoose(siteId: string): void;
}

const MAX_RADIUS = 28;
const COLOUR = '#3b528b';
const SELECTED = '#b35806';

export function SiteMap({ volumes, selected, outline, unit, language, onChoose }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const choose = useRef(onChoose);
  choose.current = onChoose;

  useEffect(() => {
    const map = L.map(containerRef.current!, { attributionControl: false, zoomSnap: 0.25, renderer: L.svg() });
    mapRef.current = map;
    if (outline) L.geoJSON(outline as unknown as FeatureCollection, { interactive: false, style: { color: '#888888', weight: 0.6, fillColor: '#f2f2f2', fillOpacity: 0.6 } }).addTo(map);
    layerRef.current = L.layerGroup().addTo(map);
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [outline]);

  useEffect(() => {
    const map = mapRef.current;
    const group = layerRef.current;
    if (!map || !group) return;
    group.clearLayers();
    const placed = volumes.filter((v) => v.centroid !== null);
    // The view first: Leaflet adds shapes to a map without one only later, without their elements.
    if (placed.length > 0) {
      const bounds = L.latLngBounds(placed.map((v) => [v.centroid![1], v.centroid![0]] as [number, number]));
      map.fitBounds(bounds.pad(0.2), { maxZoom: 16 });
    }
    for (const v of placed) {
      const [lon, lat] = v.centroid!;
      const isSelected = selected.includes(v.siteId);
      const marker = L.circleMarker([lat, lon], {
        radius: circleRadius(v.relative, MAX_RADIUS),
        color: isSelected ? SELECTED : '#ffffff',
        weight: isSelected ? 3 : 1,
        fillColor: COLOUR,
        fillOpacity: 0.75,
      })
        .bindTooltip(`${v.name}: ${formatRate(v.rate, language)} ${unit}`)
        .on('click', () => choose.current(v.siteId))
        .addTo(group);
      const path = marker.getElement();
      if (path) {
        path.setAttribute('data-site-id', v.siteId);
        path.setAttribute('tabindex', '0');
        path.setAttribute('role', 'button');
        path.setAttribute('aria-label', `${v.name}: ${formatRate(v.rate, language)} ${unit}`);
        path.addEventListener('keydown', (e: Event) => {
          if (!(e instanceof KeyboardEvent)) return;
          if (e.key === 'Enter' || e.key === ' ') choose.current(v.siteId);
        });
      }
    }
  }, [volumes, selected, unit, language]);

  return <div ref={containerRef} className="citylife-map" data-testid="citylife-map" />;
}
