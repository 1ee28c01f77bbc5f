// Draws places on a Leaflet map over country outlines shipped with the package (Natural Earth via
// world-atlas, see static/basemap/README.md): no tile server, so the page works offline. Dense
// markers are clustered (Leaflet.markercluster) on a map marked data-cluster. Labels are set as
// text, never HTML.
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("map");
  if (!el) { return; }
  var points = [];
  try { points = JSON.parse(el.dataset.points || "[]"); } catch (e) { points = []; }
  if (typeof L === "undefined") { el.textContent = "Map unavailable (Leaflet did not load)."; return; }
  var map = L.map(el, { attributionControl: false, worldCopyJump: true, minZoom: 1, maxZoom: 10 });
  // Countries sit in a pane of their own, under the markers whatever order the two arrive in.
  map.createPane("basemap").style.zIndex = 250;
  var note = document.createElement("div");
  note.className = "offline-note";
  note.textContent = "outlines: Natural Earth";
  el.appendChild(note);
  drawCountries(map, note);
  // The events map clusters where markers crowd; an event's own map shows each of its places.
  var layer = el.dataset.cluster && typeof L.markerClusterGroup === "function"
    ? L.markerClusterGroup({ maxClusterRadius: 35, showCoverageOnHover: false, spiderfyOnMaxZoom: true })
    : L.layerGroup();
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lon], {
      radius: 7, weight: 2, color: p.disputed ? "#c0392b" : "#1d2a38", fillOpacity: 0.6
    });
    var label = document.createElement("span");
    label.textContent = p.label;
    marker.bindTooltip(label);
    if (p.href) { marker.on("click", function () { window.location.href = p.href; }); }
    layer.addLayer(marker);
    bounds.push([p.lat, p.lon]);
  });
  layer.addTo(map);
  if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 5 }); } else { map.setView([48, 30], 3); }
});

function drawCountries(map, note) {
  if (typeof topojson === "undefined" || typeof fetch !== "function") { note.textContent = "no basemap"; return; }
  fetch("/static/basemap/countries-50m.json")
    .then(function (response) { return response.json(); })
    .then(function (topo) {
      var countries = topojson.feature(topo, topo.objects.countries);
      countries.features.forEach(unwrapFeature);
      var outlines = L.geoJSON(countries, {
        pane: "basemap", interactive: false,
        style: { className: "country", color: "#9aa7b4", weight: 0.6, fillColor: "#f7f5ef", fillOpacity: 1 }
      }).addTo(map);
      // The country's name on its outline, for readers of the page's markup (and its tests).
      outlines.eachLayer(function (country) {
        var path = country.getElement();
        if (path) { path.setAttribute("data-country", country.feature.properties.name); }
      });
    })
    .catch(function () { note.textContent = "no basemap (outlines did not load)"; });
}

// Natural Earth rings that cross the antimeridian (Russia's Chukotka, Fiji) jump from 180° to -180°;
// drawn flat, that jump is a stripe across the whole map. Such a ring is made continuous by moving
// its far side past 180°, unless it circles a pole (Antarctica), which it then spans twice over.
function unwrapFeature(feature) {
  var g = feature.geometry;
  if (!g) { return; }
  var polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  polygons.forEach(function (rings) {
    for (var i = 0; i < rings.length; i++) { rings[i] = unwrapRing(rings[i]); }
  });
}

function unwrapRing(ring) {
  var offset = 0, out = [], low = Infinity, high = -Infinity;
  for (var i = 0; i < ring.length; i++) {
    var lon = ring[i][0] + offset;
    if (i > 0 && lon - out[i - 1][0] > 180) { offset -= 360; lon -= 360; }
    if (i > 0 && lon - out[i - 1][0] < -180) { offset += 360; lon += 360; }
    out.push([lon, ring[i][1]]);
    low = Math.min(low, lon); high = Math.max(high, lon);
  }
  return high - low > 360 ? ring : out;
}
