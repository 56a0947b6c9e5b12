// Build step for rasd's offline web page.
//
// Copies the third-party assets the page needs from node_modules into
// src/rasd/web/static/vendor/ and converts Natural Earth's TopoJSON (world-atlas)
// into a GeoJSON basemap, so the page works with no network at all.
// Run: cd web && npm ci && npm run build   (outputs are committed)
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const nm = join(here, "node_modules");
const out = join(here, "..", "src", "rasd", "web", "static", "vendor");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "images"), { recursive: true });

const copies = [
  ["leaflet/dist/leaflet.js", "leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet.css"],
  ["leaflet/dist/images/layers.png", "images/layers.png"],
  ["leaflet/dist/images/layers-2x.png", "images/layers-2x.png"],
  ["leaflet/dist/images/marker-icon.png", "images/marker-icon.png"],
  ["leaflet/dist/images/marker-icon-2x.png", "images/marker-icon-2x.png"],
  ["leaflet/dist/images/marker-shadow.png", "images/marker-shadow.png"],
  ["leaflet/LICENSE", "LICENSE.leaflet"],
  ["leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster.js"],
  ["leaflet.markercluster/dist/MarkerCluster.css", "MarkerCluster.css"],
  ["leaflet.markercluster/dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"],
  ["leaflet.markercluster/MIT-LICENCE.txt", "LICENSE.markercluster"],
  ["swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js"],
  ["swagger-ui-dist/swagger-ui.css", "swagger-ui.css"],
  ["swagger-ui-dist/LICENSE", "LICENSE.swagger-ui"],
  ["world-atlas/LICENSE", "LICENSE.world-atlas"],
];
for (const [src, dst] of copies) copyFileSync(join(nm, src), join(out, dst));

// Natural Earth 1:50m countries, TopoJSON -> GeoJSON, coordinates rounded to
// 0.001 degree (~100 m, finer than the 1:50m source) to keep the file small.
const round = (x) => Math.round(x * 1000) / 1000;
const roundCoords = (c) => (typeof c[0] === "number" ? [round(c[0]), round(c[1])] : c.map(roundCoords));
const topo = JSON.parse(readFileSync(join(nm, "world-atlas", "countries-50m.json"), "utf8"));
const fc = feature(topo, topo.objects.countries);
for (const f of fc.features) {
  if (f.geometry) f.geometry.coordinates = roundCoords(f.geometry.coordinates);
  f.properties = { name: (f.properties && f.properties.name) || "" };
}
writeFileSync(join(out, "countries.geojson"), JSON.stringify(fc));

const versions = {};
for (const p of ["leaflet", "leaflet.markercluster", "swagger-ui-dist", "topojson-client", "world-atlas"]) {
  versions[p] = JSON.parse(readFileSync(join(nm, p, "package.json"), "utf8")).version;
}
writeFileSync(join(out, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");
console.log("built", out, versions);
