/* Interactive charts: every .echart-canvas names a JSON script holding its ECharts option
   (common/_echart.html, built by chanjiao/common/echarts.py). Drawn as SVG, redrawn when the
   canvas changes size; a chart in a closed <details> is drawn when it is first shown.
   Pages load it after vendor/echarts/echarts.min.js (common/_echart_scripts.html). */
(function () {
  "use strict";

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function missing(value) {
    return value === null || value === undefined || value === "-" ||
      (typeof value === "number" && isNaN(value));
  }

  function formatNumber(value, unit) {
    if (missing(value)) return "无数据";
    var text = Number(value).toLocaleString("zh-CN", { maximumFractionDigits: 2 });
    return unit ? text + " " + unit : text;
  }

  // Chinese tooltip: the category, then each series with its unit and interval; band helpers
  // (ids starting with "band") are left out, their bounds shown beside the series they belong to.
  function tooltipFormatter(unit) {
    return function (params) {
      var list = Array.isArray(params) ? params : [params];
      var lines = [];
      if (list.length) lines.push(escapeHtml(list[0].axisValueLabel || list[0].name || ""));
      list.forEach(function (p) {
        if (String(p.seriesId || "").indexOf("band") === 0) return;
        var raw = p.data;
        var isItem = raw !== null && typeof raw === "object" && !Array.isArray(raw);
        var value = isItem ? raw.value : raw;
        if (missing(value) && list.length > 1) return;
        var text = p.marker + escapeHtml(p.seriesName) + "：" + formatNumber(value, unit);
        if (isItem && !missing(raw.lower) && !missing(raw.upper)) {
          text += "（区间 " + formatNumber(raw.lower, "") + "—" + formatNumber(raw.upper, unit) + "）";
        }
        lines.push(text);
      });
      return lines.join("<br>");
    };
  }

  function readOption(el) {
    var source = document.getElementById(el.getAttribute("data-option") || "");
    if (!source) return null;
    try {
      return JSON.parse(source.textContent);
    } catch (e) {
      return null;
    }
  }

  // Category names beside horizontal bars take about a third of the chart's width.
  function labelWidth(el) {
    return Math.max(72, Math.min(200, Math.round(el.clientWidth * 0.3)));
  }

  function fitLabels(option, el) {
    var axis = option.yAxis;
    if (!axis || axis.type !== "category" || !axis.axisLabel || !axis.axisLabel.width) return false;
    axis.axisLabel.width = labelWidth(el);
    return true;
  }

  function draw(el) {
    var option = readOption(el);
    if (!option) return null;
    var fits = fitLabels(option, el);
    option.tooltip = option.tooltip || {};
    option.tooltip.formatter = tooltipFormatter(el.getAttribute("data-unit") || "");
    var chart = window.echarts.init(el, null, { renderer: "svg", locale: "ZH" });
    chart.setOption(option);
    el.classList.add("is-drawn");
    return { chart: chart, fits: fits };
  }

  function visible(el) {
    return el.clientWidth > 0 && el.clientHeight > 0;
  }

  function start() {
    if (!window.echarts) return;
    var canvases = Array.prototype.slice.call(document.querySelectorAll(".echart-canvas"));
    if (!canvases.length) return;
    var charts = new Map();
    function update(el) {
      if (!visible(el)) return;
      var drawn = charts.get(el);
      if (drawn) {
        if (drawn.fits) drawn.chart.setOption({ yAxis: { axisLabel: { width: labelWidth(el) } } });
        drawn.chart.resize();
      } else {
        drawn = draw(el);
        if (drawn) charts.set(el, drawn);
      }
    }
    if (window.ResizeObserver) {
      // Redrawn on the next frame, so resizing never feeds back into the observer's own loop.
      var observer = new ResizeObserver(function (entries) {
        window.requestAnimationFrame(function () {
          entries.forEach(function (entry) { update(entry.target); });
        });
      });
      canvases.forEach(function (el) { observer.observe(el); });
    } else {
      var timer = null;
      var all = function () { canvases.forEach(update); };
      window.addEventListener("resize", function () {
        clearTimeout(timer);
        timer = setTimeout(all, 150);
      });
      document.addEventListener("toggle", all, true);
    }
    canvases.forEach(update);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
