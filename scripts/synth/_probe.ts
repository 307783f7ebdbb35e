import polygonClipping from 'polygon-clipping';
import proj4 from 'proj4';
import { Delaunay } from 'd3-delaunay';
console.log(typeof polygonClipping.union, typeof proj4, typeof Delaunay);
const p = proj4('+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', 'EPSG:4326');
console.log(p.forward([720000, 6176000]));
