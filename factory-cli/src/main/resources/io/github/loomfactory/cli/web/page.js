// The live page of a Loom Factory run: polls /history.json once a second and draws the last ten
// minutes on canvases of its own (no library, so it works offline from the jar alone).
"use strict";

(function () {
  const WINDOW_MS = 10 * 60 * 1000;
  const KEEP = 600;
  const PALETTE = ["#3b6fd8", "#f08a24", "#2e9e5b", "#d64545", "#7c5cc4", "#1aa3a3", "#c9a400", "#e26fa8", "#8a6a4f", "#7b8794"];
  const state = { samples: [], last: 0, info: null, charts: [], errors: [], polls: 0, ended: false };
  window.loomFactory = state;
  window.addEventListener("error", (e) => state.errors.push(String(e.message)));

  // ------------------------------------------------------------------ numbers

  function si(v) {
    if (v === null || v === undefined || !isFinite(v)) return "–";
    const a = Math.abs(v);
    if (a >= 1e9) return (v / 1e9).toFixed(a >= 1e10 ? 0 : 1) + "G";
    if (a >= 1e6) return (v / 1e6).toFixed(a >= 1e7 ? 0 : 1) + "M";
    if (a >= 1e3) return (v / 1e3).toFixed(a >= 1e4 ? 0 : 1) + "k";
    if (a >= 10 || v === 0) return v.toFixed(0);
    return v.toFixed(a >= 1 ? 1 : 2);
  }
  function grouped(v) { return Math.round(v).toLocaleString("en-US"); }
  function millis(v) {
    if (v === null || !isFinite(v)) return "–";
    if (v === 0) return "0";
    if (Math.abs(v) >= 1000) return (v / 1000).toFixed(2) + " s";
    return (Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(2)) + " ms";
  }
  function seconds(v) {
    if (v === null || !isFinite(v)) return "–";
    if (v === 0) return "0";
    const a = Math.abs(v), sign = v < 0 ? "−" : "";
    if (a >= 86400) return sign + (a / 86400).toFixed(1) + " d";
    if (a >= 3600) return sign + (a / 3600).toFixed(1) + " h";
    if (a >= 60) return sign + (a / 60).toFixed(1) + " min";
    return sign + a.toFixed(a >= 10 ? 0 : 1) + " s";
  }
  const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
    172800, 432000, 864000, 2592000, 8640000, 25920000];
  function niceTimeStep(range, ticks) {
    return TIME_STEPS.find((step) => range / step <= ticks) || niceStep(range, ticks);
  }
  function niceStep(range, ticks) {
    const raw = range / ticks, mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
  }

  // ------------------------------------------------------------------ a chart

  function Chart(id, title, unit, format) {
    const card = document.createElement("div");
    card.className = "card";
    card.id = "chart-" + id;
    card.innerHTML = '<div class="head"><h2></h2><span class="unit"></span></div><div class="legend"></div><canvas></canvas>';
    card.querySelector("h2").textContent = title;
    card.querySelector(".unit").textContent = unit;
    document.getElementById("charts").appendChild(card);
    this.id = id;
    this.card = card;
    this.legend = card.querySelector(".legend");
    this.canvas = card.querySelector("canvas");
    this.format = format || si;
    this.step = format === seconds ? niceTimeStep : niceStep;
    this.series = [];
    this.points = 0;
    this.latest = {};
  }

  Chart.prototype.setSeries = function (series) {
    const names = series.map((s) => s.name).join("|");
    if (names === this.names) return;
    this.names = names;
    this.series = series.map((s, i) => Object.assign({ color: PALETTE[i % PALETTE.length] }, s));
    this.legend.innerHTML = "";
    for (const s of this.series) {
      const item = document.createElement("span");
      item.innerHTML = "<i></i><span></span><b></b>";
      item.querySelector("i").style.background = s.color;
      item.querySelector("span").textContent = s.name;
      s.readout = item.querySelector("b");
      this.legend.appendChild(item);
    }
  };

  // the plots span the run so far, from one minute up to the last ten
  function span(samples, now) {
    const first = samples.length ? samples[0].t : now;
    return Math.min(WINDOW_MS, Math.max(60000, now - first));
  }
  const TICKS = [10000, 15000, 30000, 60000, 120000, 300000];
  function tickLabel(ago) {
    if (ago === 0) return "now";
    return ago % 60000 === 0 ? "−" + ago / 60000 + " min" : "−" + ago / 1000 + " s";
  }

  Chart.prototype.draw = function (samples, now, window) {
    const canvas = this.canvas, ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth, height = canvas.clientHeight;
    if (width === 0 || height === 0) return;
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const left = 52, right = 10, top = 8, bottom = 22;
    const plotW = width - left - right, plotH = height - top - bottom;
    const start = now - window;

    let lo = 0, hi = 0, points = 0;
    for (const s of this.series) {
      for (const sample of samples) {
        const v = s.value(sample);
        if (v === null || v === undefined || !isFinite(v)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (hi === lo) hi = lo + 1;
    const step = this.step(hi - lo, 4);
    lo = Math.floor(lo / step) * step;
    hi = Math.ceil(hi / step) * step;
    const x = (t) => left + ((t - start) / window) * plotW;
    const y = (v) => top + plotH - ((v - lo) / (hi - lo)) * plotH;

    g.font = "11px system-ui, sans-serif";
    g.lineWidth = 1;
    g.strokeStyle = "#e6e9ee";
    g.fillStyle = "#6b7785";
    g.textAlign = "right";
    g.textBaseline = "middle";
    for (let v = lo; v <= hi + step / 2; v += step) {
      const py = Math.round(y(v)) + 0.5;
      g.beginPath(); g.moveTo(left, py); g.lineTo(left + plotW, py); g.stroke();
      g.fillText(this.format(v), left - 6, py);
    }
    g.textAlign = "center";
    g.textBaseline = "top";
    const tick = TICKS.find((t) => window / t <= 6) || TICKS[TICKS.length - 1];
    for (let ago = Math.floor(window / tick) * tick; ago >= 0; ago -= tick) {
      const px = Math.round(x(now - ago)) + 0.5;
      g.beginPath(); g.moveTo(px, top); g.lineTo(px, top + plotH); g.stroke();
      g.fillText(tickLabel(ago), Math.min(Math.max(px, left + 18), left + plotW - 12), top + plotH + 6);
    }

    for (const s of this.series) {
      let path = [], last = null;
      const flush = () => {
        if (path.length === 0) return;
        g.beginPath();
        path.forEach(([px, py], i) => (i === 0 ? g.moveTo(px, py) : g.lineTo(px, py)));
        g.strokeStyle = s.color;
        g.lineWidth = 1.8;
        g.lineJoin = "round";
        g.stroke();
        if (this.series.length <= 2) {
          g.lineTo(path[path.length - 1][0], y(Math.max(lo, 0)));
          g.lineTo(path[0][0], y(Math.max(lo, 0)));
          g.closePath();
          g.globalAlpha = 0.07;
          g.fillStyle = s.color;
          g.fill();
          g.globalAlpha = 1;
        }
        if (path.length === 1) {
          g.fillStyle = s.color;
          g.beginPath(); g.arc(path[0][0], path[0][1], 2, 0, 2 * Math.PI); g.fill();
        }
        path = [];
      };
      for (const sample of samples) {
        if (sample.t < start) continue;
        const v = s.value(sample);
        if (v === null || v === undefined || !isFinite(v)) { flush(); continue; }
        path.push([x(sample.t), y(v)]);
        points++;
        last = v;
      }
      flush();
      s.readout.textContent = this.format(last);
      this.latest[s.name] = last;
    }
    this.points = points;
  };

  // ------------------------------------------------------------------ the page's charts

  function workshopSeries(count, pick) {
    const series = [];
    for (let i = 0; i < count; i++) series.push({ name: "workshop " + i, value: (s) => (pick(s) ? pick(s)[i] : null) });
    return series;
  }

  function lanes(samples) {
    const names = new Set();
    for (const s of samples) for (const lane of s.lanes || []) names.add(lane.lane);
    return Array.from(names).sort();
  }
  function laneValue(name, field) {
    return (s) => {
      const lane = (s.lanes || []).find((l) => l.lane === name);
      return lane ? lane[field] : null;
    };
  }

  function build(info) {
    const c = (id, title, unit, format) => { const chart = new Chart(id, title, unit, format); state.charts.push(chart); return chart; };
    const throughput = c("throughput", "Throughput", "per second");
    throughput.setSeries([
      { name: "purchased", value: (s) => s.purchased },
      { name: "processed", value: (s) => s.processed },
      { name: "shipped", value: (s) => s.shipped },
    ]);
    c("backlog", "Production line backlog", "materials waiting, per line").setSeries(workshopSeries(info.workshops, (s) => s.backlog));
    c("roster", "Roster", "live workers, per workshop").setSeries(workshopSeries(info.workshops, (s) => s.roster));
    c("lifecycle", "Hires and retirements", "workers per second").setSeries([
      { name: "hired", value: (s) => s.hires },
      { name: "retired idle", value: (s) => s.retirements.IDLE },
      { name: "retired early", value: (s) => s.retirements.EARLY },
      { name: "retired at drain", value: (s) => s.retirements.DRAIN },
    ]);
    c("rejects", "Rejects", "records per second").setSeries([{ name: "rejected", value: (s) => s.rejects, color: PALETTE[3] }]);
    c("latency", "Warehouse shipment latency", "per shipment", millis).setSeries([
      { name: "mean", value: (s) => s.latencyMean },
      { name: "max", value: (s) => s.latencyMax, color: PALETTE[3] },
    ]);
    const lag = c("eventtime", "Event-time lag", "clock minus latest event time", seconds);
    lag.setSeries([{ name: "lag", value: (s) => s.eventTimeLag, color: PALETTE[4] }]);
    lag.card.hidden = !info.eventTime;
    const kafka = c("kafka", "Source lag", "records, per lane");
    kafka.card.hidden = true;
  }

  function refreshLanes() {
    const chart = state.charts.find((c) => c.id === "kafka");
    const names = lanes(state.samples);
    chart.card.hidden = names.length === 0;
    const series = [];
    for (const name of names) {
      series.push({ name: name + " consumer", value: laneValue(name, "consumerLag") });
      series.push({ name: name + " commit", value: laneValue(name, "commitLag") });
    }
    chart.setSeries(series);
  }

  function tiles(now, latest) {
    const set = (id, text) => { document.getElementById(id).textContent = text; };
    set("t-purchased", grouped(now.purchased));
    set("t-shipped", grouped(now.shipped));
    set("t-workers", grouped(now.liveWorkers));
    set("t-backlog", grouped(now.lineBacklog));
    set("t-rejects", grouped(now.rejects));
    set("t-purchased-rate", latest ? si(latest.purchased) + "/s" : " ");
    set("t-shipped-rate", latest ? si(latest.shipped) + "/s" : " ");
    set("t-hires", grouped(now.hires) + " hired · " + grouped(now.retirements) + " retired");
    set("t-transport", grouped(now.transportBacklog) + " on the transport line");
    set("t-failures", grouped(now.failures) + " failed inspections/retirements");
    set("clock", new Date(now.t).toLocaleTimeString("en-GB"));
  }

  function setState(text, kind) {
    const el = document.getElementById("state");
    el.textContent = text;
    el.className = "state " + kind;
  }

  function render() {
    if (!state.info) return;
    const now = state.samples.length ? state.samples[state.samples.length - 1].t : Date.now();
    const window = span(state.samples, now);
    for (const chart of state.charts) if (!chart.card.hidden) chart.draw(state.samples, now, window);
    document.body.dataset.samples = String(state.samples.length);
  }

  async function poll() {
    try {
      const response = await fetch("history.json?after=" + state.last, { cache: "no-store" });
      if (!response.ok) throw new Error("HTTP " + response.status);
      const data = await response.json();
      if (!state.info) {
        state.info = data;
        document.getElementById("blueprint").textContent = "blueprint " + data.blueprint + (data.eventTime ? " · event time" : "");
        build(data);
      }
      for (const sample of data.samples) {
        if (sample.n > state.last) {
          state.samples.push(sample);
          state.last = sample.n;
        }
      }
      if (state.samples.length > KEEP) state.samples.splice(0, state.samples.length - KEEP);
      state.polls++;
      refreshLanes();
      tiles(data.now, state.samples[state.samples.length - 1]);
      setState("live", "live");
      render();
    } catch (e) {
      setState(state.info ? "run ended" : "no connection", state.info ? "ended" : "waiting");
      state.ended = state.info !== null;
    }
  }

  window.addEventListener("resize", render);
  poll();
  setInterval(poll, 1000);
})();
