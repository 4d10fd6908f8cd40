/* The dashboard's charts. Everything they say comes from the server, translated, in the
   #insights-data block; this file only draws. Numbers and dates are formatted with Intl in the
   page's language. Each chart has its figures in a table next to it (the text alternative). */
(function () {
  "use strict";

  var source = document.getElementById("insights-data");
  if (!source || !window.Chart) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var lang = document.documentElement.lang || data.lang || "nl";

  // Okabe–Ito: distinguishable with the common kinds of colour blindness. Its orange is left
  // out here because it marks the crisis periods.
  var PALETTE = ["#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"];
  // Lines also differ in dash, so they stay apart in grey print and for every kind of vision.
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];
  var CRISIS_FILL = "rgba(230, 159, 0, 0.16)";
  var CRISIS_EDGE = "rgba(230, 159, 0, 0.55)";

  var NUMBER_FORMATS = {
    count: { maximumFractionDigits: 0 },
    hours: { maximumFractionDigits: 1 },
    score: { maximumFractionDigits: 2 },
    // The server sends percentages as 0–100, which is what the "percent" unit expects.
    percent: { style: "unit", unit: "percent", maximumFractionDigits: 1 }
  };
  var formatters = {};
  function formatNumber(value, kind) {
    if (value === null || value === undefined) {
      return "–";
    }
    kind = NUMBER_FORMATS[kind] ? kind : "score";
    if (!formatters[kind]) {
      formatters[kind] = new Intl.NumberFormat(lang, NUMBER_FORMATS[kind]);
    }
    return formatters[kind].format(value);
  }

  function parseDay(iso) {
    var parts = iso.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2]);
  }
  var DATE_FORMATS = {
    day: { day: "numeric", month: "short" },
    week: { day: "numeric", month: "short" },
    month: { month: "short", year: "numeric" }
  };
  function dateLabels(spec) {
    var format = new Intl.DateTimeFormat(lang, DATE_FORMATS[spec.bucket] || DATE_FORMATS.day);
    return spec.labels.map(function (iso) { return format.format(parseDay(iso)); });
  }
  function longDate(iso) {
    return new Intl.DateTimeFormat(lang, { dateStyle: "medium" }).format(parseDay(iso));
  }

  function axisFormat(spec, axisId) {
    return (spec.axes[axisId] || {}).format || "score";
  }

  function datasets(spec) {
    return spec.datasets.map(function (ds, i) {
      var colour = PALETTE[i % PALETTE.length];
      var out = { label: ds.label, data: ds.data, backgroundColor: colour, borderColor: colour };
      if (spec.kind === "line") {
        out.yAxisID = ds.axis || "y";
        out.borderWidth = 2;
        out.borderDash = DASHES[i % DASHES.length];
        out.pointRadius = 2.5;
        out.tension = 0.2;
        out.spanGaps = true;
      } else if (spec.kind === "bar") {
        out.yAxisID = "y";
        out.maxBarThickness = 48;
      } else {
        out.maxBarThickness = 28;
      }
      return out;
    });
  }

  function valueAxis(spec, axisId, position) {
    var axis = spec.axes[axisId] || {};
    var kind = axis.format || "score";
    var scale = {
      position: position,
      stacked: !!spec.stacked,
      beginAtZero: kind !== "score",
      title: { display: !!axis.title, text: axis.title || "" },
      ticks: { callback: function (value) { return formatNumber(value, kind); } }
    };
    if (kind === "count") {
      scale.ticks.precision = 0; // no "0.5 cases" between the whole numbers
    }
    if (kind === "percent") {
      scale.suggestedMax = 100;
      scale.min = 0;
    }
    return scale;
  }

  // A crisis box covers whole buckets: from the left edge of its first bucket to the right edge
  // of its last. The category axis only knows bucket centres, so the boxes are placed on a
  // hidden linear axis that runs from -0.5 to n-0.5, the same width as the (offset) bars.
  function crisisAnnotations(spec) {
    var boxes = {};
    (spec.crises || []).forEach(function (crisis, i) {
      boxes["crisis" + i] = {
        type: "box",
        xScaleID: "crisisX",
        xMin: crisis.from - 0.5,
        xMax: crisis.to + 0.5,
        backgroundColor: CRISIS_FILL,
        borderColor: CRISIS_EDGE,
        borderWidth: 1,
        drawTime: "beforeDatasetsDraw",
        label: {
          display: true,
          content: crisis.title,
          position: { x: "center", y: "start" },
          color: "#6b4400",
          font: { size: 11, weight: "600" },
          padding: 3
        }
      };
    });
    return boxes;
  }

  function config(spec) {
    var horizontal = spec.kind === "hbar";
    var scales = {};
    if (horizontal) {
      scales.x = valueAxis(spec, "x", "bottom");
      scales.x.max = 100;
      scales.y = { grid: { display: false } };
    } else {
      scales.x = { stacked: !!spec.stacked, offset: true, grid: { display: false },
        ticks: { autoSkip: true, maxRotation: 0 } };
      scales.y = valueAxis(spec, "y", "left");
      if (spec.axes.y2) {
        scales.y2 = valueAxis(spec, "y2", "right");
        scales.y2.grid = { drawOnChartArea: false };
        scales.y2.stacked = false;
      }
      if (spec.crises && spec.crises.length) {
        scales.crisisX = { type: "linear", axis: "x", display: false, offset: false,
          min: -0.5, max: spec.labels.length - 0.5 };
      }
    }
    return {
      type: horizontal ? "bar" : spec.kind,
      data: { labels: spec.time ? dateLabels(spec) : spec.labels, datasets: datasets(spec) },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: horizontal ? "nearest" : "index", intersect: false },
        locale: lang,
        scales: scales,
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: spec.kind === "line" } },
          tooltip: {
            callbacks: {
              title: function (items) {
                if (!items.length) { return ""; }
                return spec.time ? longDate(spec.labels[items[0].dataIndex]) : items[0].label;
              },
              label: function (item) {
                var axisId = horizontal ? "x" : (item.dataset.yAxisID || "y");
                var value = horizontal ? item.parsed.x : item.parsed.y;
                return item.dataset.label + ": " + formatNumber(value, axisFormat(spec, axisId));
              }
            }
          },
          annotation: { annotations: spec.time ? crisisAnnotations(spec) : {} }
        }
      }
    };
  }

  var style = getComputedStyle(document.body);
  window.Chart.defaults.font.family = style.fontFamily;
  window.Chart.defaults.color = "#5f6b7a";

  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var spec = data.charts[canvas.getAttribute("data-chart")];
    if (!spec) {
      return;
    }
    new window.Chart(canvas, config(spec));
  });
})();
