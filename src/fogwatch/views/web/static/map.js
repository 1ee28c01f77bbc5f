// Draws the events on a Leaflet map. No tile layer: the page must work offline, so the map shows
// the events' positions on a plain background with a 5° grid. Labels are set as text, never HTML.
document.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("map");
  if (!el) { return; }
  var points = [];
  try { points = JSON.parse(el.dataset.points || "[]"); } catch (e) { points = []; }
  if (typeof L === "undefined") { el.textContent = "Map unavailable (Leaflet did not load)."; return; }
  var map = L.map(el, { attributionControl: false, worldCopyJump: true });
  for (var lat = -80; lat <= 80; lat += 5) {
    L.polyline([[lat, -180], [lat, 180]], { color: "#c9d2db", weight: 1, interactive: false }).addTo(map);
  }
  for (var lon = -180; lon <= 180; lon += 5) {
    L.polyline([[-85, lon], [85, lon]], { color: "#c9d2db", weight: 1, interactive: false }).addTo(map);
  }
  var bounds = [];
  points.forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lon], {
      radius: 7, weight: 2, color: p.disputed ? "#c0392b" : "#1d2a38", fillOpacity: 0.6
    }).addTo(map);
    var label = document.createElement("span");
    label.textContent = p.label;
    marker.bindTooltip(label);
    marker.on("click", function () { window.location.href = "/events/" + encodeURIComponent(p.id); });
    bounds.push([p.lat, p.lon]);
  });
  if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7 }); } else { map.setView([48, 30], 3); }
  var note = document.createElement("div");
  note.className = "offline-note";
  note.textContent = "no basemap: positions on a 5° grid";
  el.appendChild(note);
});
