/**
 * The map view as a PNG: the drawn polygons (Leaflet's SVG, as it is on screen, hatching
 * and selection included), the flag marks, a title and the legend, rendered through an
 * <img> onto a canvas. Nothing leaves the page; the caller saves the bytes via the host.
 */

export interface PngLegend {
  title: string;
  subtitle: string;
  classes: { colour: string; label: string }[];
  /** Extra legend lines (no value, hatched small cells, flags). */
  notes: string[];
  /** A line at the bottom: source and date. */
  footer: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const LINE = 20;
const PAD = 16;

function el<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A standalone SVG of the map frame with title and legend (exported for tests). */
export function composeMapSvg(container: HTMLElement, legend: PngLegend): { svg: SVGSVGElement; width: number; height: number } {
  const frame = container.getBoundingClientRect();
  const drawn = container.querySelector<SVGSVGElement>('.leaflet-overlay-pane svg');
  const headerHeight = PAD + LINE * 2;
  const legendHeight = PAD + LINE * (legend.classes.length + legend.notes.length + 2);
  const width = Math.round(frame.width);
  const mapHeight = Math.round(frame.height);
  const height = headerHeight + mapHeight + legendHeight;
  const svg = el('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': 'DejaVu Sans, Arial, sans-serif' });
  svg.appendChild(el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  svg.appendChild(el('text', { x: PAD, y: PAD + 14, 'font-size': 16, 'font-weight': 700, fill: '#1a1a1a' }, legend.title));
  svg.appendChild(el('text', { x: PAD, y: PAD + 14 + LINE, 'font-size': 12, fill: '#333333' }, legend.subtitle));
  svg.appendChild(el('rect', { x: 0, y: headerHeight, width, height: mapHeight, fill: '#e8eef3' }));
  if (drawn) {
    // Leaflet places its SVG with a CSS transform; its on-screen box is what we copy.
    const box = drawn.getBoundingClientRect();
    const copy = drawn.cloneNode(true) as SVGSVGElement;
    copy.removeAttribute('style');
    copy.removeAttribute('class');
    copy.setAttribute('x', String(Math.round(box.left - frame.left)));
    copy.setAttribute('width', String(Math.round(box.width)));
    copy.setAttribute('height', String(Math.round(box.height)));
    // Nested in the map's own box, so shapes panned out of view are cut off as on screen.
    const nested = el('svg', { x: 0, y: headerHeight, width, height: mapHeight, overflow: 'hidden' });
    copy.setAttribute('y', String(Math.round(box.top - frame.top)));
    nested.appendChild(copy);
    svg.appendChild(nested);
  }
  for (const mark of container.querySelectorAll<HTMLElement>('.flag-mark')) {
    const box = mark.getBoundingClientRect();
    const colour = getComputedStyle(mark).color;
    svg.appendChild(
      el('text', { x: box.left - frame.left + box.width / 2, y: box.top - frame.top + box.height / 2 + 5 + headerHeight, 'font-size': 14, 'text-anchor': 'middle', fill: colour, stroke: '#ffffff', 'stroke-width': 0.8 }, mark.textContent ?? ''),
    );
  }
  let y = headerHeight + mapHeight + PAD + 12;
  legend.classes.forEach((c) => {
    svg.appendChild(el('rect', { x: PAD, y: y - 11, width: 14, height: 14, fill: c.colour, stroke: '#555555', 'stroke-width': 0.5 }));
    svg.appendChild(el('text', { x: PAD + 22, y, 'font-size': 12, fill: '#1a1a1a' }, c.label));
    y += LINE;
  });
  for (const note of legend.notes) {
    svg.appendChild(el('text', { x: PAD, y, 'font-size': 12, fill: '#333333' }, note));
    y += LINE;
  }
  svg.appendChild(el('text', { x: PAD, y: y + 4, 'font-size': 11, fill: '#555555' }, legend.footer));
  return { svg, width, height };
}

/** Renders the composed SVG to PNG bytes at `scale` × the screen size. */
export async function mapToPng(container: HTMLElement, legend: PngLegend, scale = 2): Promise<Uint8Array> {
  const { svg, width, height } = composeMapSvg(container, legend);
  const text = new XMLSerializer().serializeToString(svg);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas gave no PNG');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
