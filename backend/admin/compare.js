"use strict";
// The training comparison for people who are not ML engineers: what happened to the messages
// they labelled, what got worse (examples side by side), a verdict in words, and the chart's
// legend. Scores are shown as percentages of the held-out messages' intents read right.
window.drawComparison = (box, run) => {
  const r = run.report, t = window.t;
  const node = (tag, value, cls) => { const el = document.createElement(tag); if (value !== undefined) el.textContent = value; if (cls) el.className = cls; return el; };
  const pct = (f1) => `${(Math.round(f1 * 1000) / 10).toLocaleString(window.lang)} %`;
  box.replaceChildren();
  const lab = r.labelled;
  box.append(lab && lab.total
    ? node("p", t("labelled_now", { n: lab.total, m: lab.understood, b: lab.understood_before }), "labelled-summary")
    : node("p", t("labelled_none"), "labelled-summary"));
  const worse = r.got_worse || { count: 0, examples: [], fixed: 0 };
  box.append(node("p", worse.count ? t("got_worse", { k: worse.count }) : t("got_worse_none"),
    worse.count ? "worse got-worse" : "better got-worse"));
  const table = (rows, cols) => {
    const tb = node("table", undefined, "side-by-side");
    const head = node("tr");
    cols.forEach(([label]) => head.append(node("th", t(label))));
    tb.append(head);
    rows.forEach((row) => { const tr = node("tr"); cols.forEach(([, key]) => tr.append(node("td", row[key]))); tb.append(tr); });
    return tb;
  };
  if (worse.examples.length) box.append(table(worse.examples, [["col_message", "text"], ["col_meant", "intent"], ["col_now", "candidate"]]));
  if (lab && lab.examples.length) {
    const details = node("details");
    details.append(node("summary", t("labelled_details")),
      table(lab.examples, [["col_message", "text"], ["col_meant", "intent"], ["col_before", "active"], ["col_now", "candidate"]]));
    box.append(details);
  }
  const verdict = run.worse ? "verdict_worse" : worse.count ? "verdict_mixed" : "verdict_ok";
  box.append(node("p", t(verdict, { cand: pct(r.candidate.macro_f1), act: pct(r.active.macro_f1), fixed: worse.fixed, k: worse.count }),
    verdict === "verdict_ok" ? "better verdict" : "worse verdict"));
  const legend = document.getElementById("legend");
  legend.replaceChildren(node("span", t("legend_title")),
    ...[["candidate", "#2f6fde", "legend_new"], ["active", "#9aa4b2", "legend_active"]].map(([key, color, label]) => {
      const item = node("span", undefined, "legend-item legend-" + key);
      const swatch = node("span", undefined, "swatch"); swatch.style.background = color;
      item.append(swatch, node("span", t(label)));
      return item;
    }));
};
