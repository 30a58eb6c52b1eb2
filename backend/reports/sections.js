"use strict";
// One function per report: its figures (each a link to the incidents or conversations
// behind it, read by reports.js), its tables and its charts.
window.SECTIONS = (function () {
  const t = (k) => I18N.t(k);
  const name = (prefix, k) => { const v = t(`${prefix}.${k}`); return v === `${prefix}.${k}` ? k : v; };
  const pct = (x) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)} %`);
  const mins = (m) => {
    if (m === null || m === undefined) return "–";
    return m >= 60 ? `${Math.floor(m / 60)} h ${Math.round(m % 60)} min` : `${Math.round(m)} min`;
  };
  const eur = (s) => new Intl.NumberFormat(I18N.lang === "en" ? "en-GB" : "es-ES",
    { style: "currency", currency: "EUR" }).format(Number(s));

  function link(text, list, q, label) {
    const a = document.createElement("a");
    a.className = "drill"; a.href = "#drill"; a.textContent = text;
    a.dataset.list = list; a.dataset.q = JSON.stringify(q || {}); a.dataset.label = label || text;
    return a;
  }

  // A figure: its value big, its name under it; a link when a list stands behind it.
  function fig(value, label, list, q, id) {
    const el = document.createElement(list ? "a" : "div");
    el.className = "fig";
    if (list) { el.href = "#drill"; el.dataset.list = list; el.dataset.q = JSON.stringify(q || {}); el.dataset.label = label; }
    if (id) el.dataset.fig = id;
    const v = document.createElement("span"); v.className = "v"; v.textContent = value;
    const l = document.createElement("span"); l.className = "l"; l.textContent = label;
    el.append(v, l);
    return el;
  }

  function figs(box, ...items) {
    const row = document.createElement("div"); row.className = "figs"; row.append(...items); box.append(row);
  }

  function sub(box, key) { const h = document.createElement("h3"); h.textContent = t(key); box.append(h); }

  // cols: [key, format?, drill(row)→[list, q]?]; headers are the i18n of col.<key>.
  function table(box, cols, rows, name) {
    const tb = document.createElement("table");
    if (name) tb.dataset.table = name;
    const head = document.createElement("tr");
    cols.forEach(([key]) => { const th = document.createElement("th"); th.textContent = t(`col.${key}`); head.append(th); });
    tb.append(head);
    if (!rows.length) {
      const tr = document.createElement("tr"); const td = document.createElement("td");
      td.colSpan = cols.length; td.textContent = t("no_data"); td.className = "note"; tr.append(td); tb.append(tr);
    }
    rows.forEach((row) => {
      const tr = document.createElement("tr");
      cols.forEach(([key, format, drill]) => {
        const td = document.createElement("td");
        const value = row[key];
        const text = value === null || value === undefined ? "–" : (format ? format(value) : String(value));
        const target = drill && drill(row);
        if (target && value) td.append(link(text, target[0], target[1], `${t(`col.${key}`)}: ${target[2] || text}`));
        else td.textContent = text;
        tr.append(td);
      });
      tb.append(tr);
    });
    box.append(tb);
  }

  function sla(box, d) {
    const total = d.breaches.total;
    figs(box,
      fig(pct(d.totals.response.compliance), t("f.response_compliance"), "incidents", { sla: "response" }, "response"),
      fig(pct(d.totals.resolution.compliance), t("f.resolution_compliance"), "incidents", { sla: "resolution" }, "resolution"),
      fig(String(total), t("f.breaches"), "incidents", { sla: "any" }, "breaches"),
      fig(mins(d.business_time.response.median_minutes), t("f.response_median"), "incidents", {}),
      fig(mins(d.business_time.response.p90_minutes), t("f.response_p90"), "incidents", {}),
      fig(mins(d.business_time.resolution.median_minutes), t("f.resolution_median"), "incidents", {}),
      fig(mins(d.business_time.resolution.p90_minutes), t("f.resolution_p90"), "incidents", {}));
    const months = d.by_month.response.map((r) => r.key);
    const of = (kind) => months.map((m) => ((d.by_month[kind].find((r) => r.key === m) || {}).compliance ?? null));
    CHARTS.lines(box, t("c.compliance_by_month"), months,
      [{ label: t("k.response"), values: of("response") }, { label: t("k.resolution"), values: of("resolution") }], true);
    for (const [dim, filter] of [["contract", "contract"], ["customer", "customer"], ["priority", "priority"], ["queue", "queue"]]) {
      sub(box, `by.${dim}`);
      const keys = [...new Set([...d[`by_${dim}`].response, ...d[`by_${dim}`].resolution].map((r) => r.key))];
      const rows = keys.map((key) => {
        const r = d[`by_${dim}`].response.find((x) => x.key === key) || {};
        const s = d[`by_${dim}`].resolution.find((x) => x.key === key) || {};
        return { key, response: r.total || 0, response_compliance: r.compliance ?? null,
          response_breaches: (r.late || 0) + (r.overdue || 0), resolution: s.total || 0,
          resolution_compliance: s.compliance ?? null, resolution_breaches: (s.late || 0) + (s.overdue || 0) };
      });
      const q = (row, extra) => (row.key === "-" ? null : ["incidents", { [filter]: row.key, ...extra }, row.key]);
      table(box, [["key", null, (r) => q(r, {})], ["response"], ["response_compliance", pct],
        ["response_breaches", null, (r) => q(r, { sla: "response" })], ["resolution"], ["resolution_compliance", pct],
        ["resolution_breaches", null, (r) => q(r, { sla: "resolution" })]], rows, `sla-${dim}`);
    }
    sub(box, "breach_list");
    table(box, [["incident_id"], ["kind", (k) => t(`k.${k}`)], ["due_at", (x) => x.slice(0, 16).replace("T", " ")],
      ["met_at", (x) => x.slice(0, 16).replace("T", " ")], ["customer"], ["priority"], ["contract"]], d.breaches.items);
  }

  function bot(box, d) {
    figs(box,
      fig(String(d.totals.conversations), t("f.conversations"), "conversations", {}, "conversations"),
      fig(String(d.totals.contained), t("f.contained"), "conversations", { contained: "yes" }, "contained"),
      fig(String(d.totals.conversations - d.totals.contained), t("f.handed"), "conversations", { contained: "no" }),
      fig(pct(d.totals.containment), t("f.containment"), "conversations", { contained: "yes" }));
    CHARTS.lines(box, t("c.containment_trend"), d.trend.map((r) => r.day),
      [{ label: t("f.containment"), values: d.trend.map((r) => r.containment) }], true);
    for (const [dim, filter] of [["channel", "channel"], ["language", "language"]]) {
      sub(box, `by.${dim}`);
      table(box, [["key", null, (r) => ["conversations", { [filter]: r.key }]], ["conversations"],
        ["contained", null, (r) => ["conversations", { [filter]: r.key, contained: "yes" }, r.key]],
        ["containment", pct]], d[`by_${dim}`]);
    }
    sub(box, "handoffs_by_reason");
    table(box, [["reason", (r) => name("reason", r)], ["channel"],
      ["handoffs", null, (r) => ["conversations", { reason: r.reason, channel: r.channel }, name("reason", r.reason)]]],
    d.handoffs_by_reason);
    sub(box, "misunderstood");
    table(box, [["channel"], ["language"], ["predicted"],
      ["misunderstood", null, (r) => ["conversations", { channel: r.channel, language: r.language }, `${r.channel} ${r.language}`]],
      ["rate", pct]], d.misunderstood);
    sub(box, "verification");
    table(box, [["channel"], ["attempted"],
      ["verified", null, (r) => ["conversations", { channel: r.channel, verification: "verified" }, r.channel]],
      ["locked", null, (r) => ["conversations", { channel: r.channel, verification: "locked" }, r.channel]],
      ["success", pct]], d.verification);
  }

  function channels(box, d) {
    const c = d.customers;
    figs(box,
      fig(String(c.with_conversations), t("f.customers"), "conversations", {}),
      fig(String(c.multi_channel), t("f.multi_channel"), "conversations", {}),
      fig(pct(c.multi_channel_share), t("f.multi_channel_share"), "conversations", {}));
    CHARTS.bars(box, t("c.messages_by_channel"), d.messages_by_channel.map((r) => r.channel),
      d.messages_by_channel.map((r) => r.messages), t("col.messages"));
    CHARTS.heatMap(box, t("c.heat_map"), d.heat_map.cells, t("days"));
    sub(box, "by.channel");
    table(box, [["channel", null, (r) => ["conversations", { channel: r.channel }]], ["conversations"]],
      d.conversations_by_channel, "conversations-by-channel");
  }

  function duplicates(box, d) {
    figs(box,
      fig(String(d.reports.merged), t("f.merged"), "incidents", { decision: "merged" }, "merged"),
      fig(String(d.asked), t("f.asked"), "incidents", { decision: "asked" }),
      fig(String(d.reports.confirmed), t("f.confirmed"), "incidents", { decision: "confirmed" }),
      fig(String(d.reports.declined), t("f.declined"), "incidents", { decision: "declined" }),
      fig(String(d.agent_merged), t("f.agent_merged"), "incidents", { merge: "merge" }),
      fig(String(d.split_back), t("f.split_back"), "incidents", { merge: "split" }, "split"),
      fig(pct(d.false_merge_rate), t("f.false_merge_rate"), "incidents", { merge: "split" }));
    sub(box, "by.channel_pair");
    table(box, [["first"], ["second"], ["merged"], ["confirmed"], ["declined"], ["agent_merged"], ["split"]],
      d.by_channel_pair);
  }

  function technicians(box, d) {
    const ftf = d.first_time_fix;
    figs(box,
      fig(mins(d.time_to_accept.median_minutes), t("f.accept_median"), "incidents", { dispatched: "yes" }),
      fig(mins(d.time_to_accept.p90_minutes), t("f.accept_p90"), "incidents", { dispatched: "yes" }),
      fig(mins(d.on_site.median_minutes), t("f.on_site_median"), "incidents", { dispatched: "yes" }),
      fig(pct(ftf.rate), t("f.first_time_fix"), "incidents", { dispatched: "yes" }));
    const counts = [["offered"], ["accepted"], ["declined"], ["timed_out"], ["withdrawn"], ["acceptance", pct]];
    sub(box, "by.technician");
    table(box, [["key", null, (r) => ["incidents", { technician: r.key }]], ...counts], d.by_technician, "technicians");
    sub(box, "by.zone");
    table(box, [["key", null, (r) => ["incidents", { zone: r.key }]], ...counts], d.by_zone);
    sub(box, "first_time_fix");
    table(box, [["technician", null, (r) => ["incidents", { technician: r.technician }]], ["finished"],
      ["fixed_first_time"], ["rate", pct]], ftf.by_technician);
  }

  function money(box, d) {
    const o = d.coverage.outcomes;
    figs(box,
      ...["covered", "partly_covered", "not_covered"].map((k) =>
        fig(String(o[k] || 0), t(`cov.${k}`), "incidents", { coverage: k }, k)),
      fig(pct(d.coverage.covered_share), t("f.covered_share"), "incidents", { coverage: "covered" }));
    CHARTS.bars(box, t("c.top_out_of_contract"), d.top_out_of_contract.map((r) => r.customer),
      d.top_out_of_contract.map((r) => Number(r.total)), t("col.total"));
    sub(box, "documents");
    table(box, [["customer", null, (r) => ["incidents", { customer: r.customer }]], ["month"],
      ["kind", (k) => name("doc", k)], ["documents"], ["net", eur], ["total", eur]], d.documents);
    if (d.documents_truncated) {
      const p = document.createElement("p"); p.className = "note"; p.textContent = t("docs_truncated"); box.append(p);
    }
    sub(box, "top_out_of_contract");
    table(box, [["customer", null, (r) => ["incidents", { customer: r.customer }]], ["delivery_notes"], ["total", eur]],
      d.top_out_of_contract);
    sub(box, "renewals_due");
    table(box, [["contract", null, (r) => ["incidents", { contract: r.contract }]], ["customer"], ["type"], ["end"],
      ["renews", (x) => t(x ? "yes" : "no")]], d.renewals_due);
  }

  function satisfaction(box, d) {
    const o = d.overall;
    figs(box, fig(pct(o.csat), t("f.csat")), fig(o.average === null ? "–" : String(o.average), t("f.average_score")),
      fig(String(o.low), t("f.low_scores")), fig(pct(o.response_rate), t("f.response_rate")));
    const cols = [["ratings"], ["csat", pct], ["average"], ["low"]];
    for (const [by, key] of [["technician", "technician"], ["customer", "customer"], ["channel", "channel"], ["month", "month"]]) {
      sub(box, `by.${by}`);
      table(box, [[key], ...cols], d[`by_${by}`], `satisfaction-${by}`);
    }
  }

  return { sla, bot, channels, duplicates, technicians, money, satisfaction };
})();
