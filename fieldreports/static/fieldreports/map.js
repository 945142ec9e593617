/* Public map (clustered markers) and the report form's pin picker. Without Leaflet, tiles or
   JavaScript the pages still work: the feed lists every report and the form takes typed
   coordinates or an address. */
(function () {
  "use strict";
  function baseMap(el) {
    if (!window.L) { return null; }
    // maxZoom on the map itself: without a tile layer nothing else sets it, and marker
    // clustering refuses a map without one.
    var map = L.map(el, { maxZoom: 19 }).setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.long)], 13);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
    }
    return map;
  }

  function feedMap(el) {
    var map = baseMap(el);
    if (!map) { return; }
    fetch(el.dataset.points, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var group = L.markerClusterGroup ? L.markerClusterGroup() : L.layerGroup();
        data.points.forEach(function (p) {
          var m = L.circleMarker([p.lat, p.long], { radius: 7, color: p.open ? "#b45309" : "#15803d" });
          var a = document.createElement("a");
          a.href = p.url; a.textContent = "#" + p.id + " · " + p.category + " · " + p.status;
          m.bindPopup(a);
          group.addLayer(m);
        });
        map.addLayer(group);
        if (data.points.length) { map.fitBounds(group.getBounds ? group.getBounds() : map.getBounds(), { maxZoom: 16 }); }
      })
      .catch(function (error) { console.error("fieldreports map:", error); /* the list below stays */ });
  }

  function picker(el) {
    var lat = document.getElementById("fr-lat"), lon = document.getElementById("fr-long");
    var form = document.getElementById("fr-form"), category = document.getElementById("fr-category");
    var box = document.getElementById("fr-nearby");
    var map = baseMap(el), marker = null;
    function place(la, lo) {
      if (!map) { return; }
      if (marker) { marker.setLatLng([la, lo]); } else { marker = L.marker([la, lo]).addTo(map); }
    }
    function nearby() {
      if (!lat.value || !lon.value || !category.value) { box.hidden = true; return; }
      var url = form.dataset.nearby + "?category=" + encodeURIComponent(category.value) +
        "&lat=" + encodeURIComponent(lat.value) + "&long=" + encodeURIComponent(lon.value);
      fetch(url).then(function (r) { return r.json(); }).then(function (rows) {
        var ul = box.querySelector("ul"); ul.textContent = "";
        rows.forEach(function (row) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = row.url; a.textContent = "#" + row.id + " (" + row.distance_m + " m, " + row.status + "): " + row.text;
          li.appendChild(a); ul.appendChild(li);
        });
        box.hidden = rows.length === 0;
      }).catch(function () { box.hidden = true; });
    }
    function questions() {
      document.querySelectorAll(".fr-question").forEach(function (q) {
        q.hidden = q.dataset.category !== category.value;
      });
    }
    if (map) {
      map.on("click", function (e) {
        lat.value = e.latlng.lat.toFixed(6); lon.value = e.latlng.lng.toFixed(6);
        place(e.latlng.lat, e.latlng.lng); nearby();
      });
      if (lat.value && lon.value) { place(parseFloat(lat.value), parseFloat(lon.value)); }
    }
    [lat, lon, category].forEach(function (input) { input.addEventListener("change", nearby); });
    category.addEventListener("change", questions);
    questions();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var feed = document.getElementById("fr-map");
    if (feed) { feedMap(feed); }
    var pick = document.getElementById("fr-picker");
    if (pick) { picker(pick); }
  });
})();
