"use strict";
// Per-intent F1 of the candidate (blue) beside the active model (grey), as inline SVG, each
// bar with its number; the legend above it is drawn by compare.js.
window.drawChart = (svg, rows) => {
  const ns = "http://www.w3.org/2000/svg", bar = 9, gap = 8, left = 170, width = 520;
  svg.replaceChildren();
  svg.setAttribute("height", String(rows.length * (2 * bar + gap) + 10));
  rows.forEach((row, i) => {
    const y = 5 + i * (2 * bar + gap);
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", "0"); label.setAttribute("y", String(y + bar + 3));
    label.setAttribute("font-size", "12"); label.textContent = row.intent;
    svg.appendChild(label);
    [["candidate", "#2f6fde", 0], ["active", "#9aa4b2", bar]].forEach(([key, color, dy]) => {
      const f1 = row[key] ? row[key].f1 : 0;
      const rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", String(left)); rect.setAttribute("y", String(y + dy));
      rect.setAttribute("width", String(Math.max(1, f1 * width))); rect.setAttribute("height", String(bar - 1));
      rect.setAttribute("fill", color); rect.setAttribute("class", "bar-" + key);
      const tip = document.createElementNS(ns, "title"); tip.textContent = `${key} F1 ${f1.toFixed(2)}`;
      rect.appendChild(tip); svg.appendChild(rect);
      const value = document.createElementNS(ns, "text");  // the number beside each bar
      value.setAttribute("x", String(left + Math.max(1, f1 * width) + 4)); value.setAttribute("y", String(y + dy + bar - 1));
      value.setAttribute("font-size", "9"); value.setAttribute("class", "value-" + key);
      value.textContent = `${Math.round(f1 * 100)} %`; svg.appendChild(value);
    });
  });
};
