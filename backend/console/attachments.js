"use strict";
// Photos and files of a conversation in the console: a thumbnail (linking to the file) on the
// message that brought it and on the incident it belongs to; a quarantined file shows its reason.
(function () {
  const t = I18N.t, tv = I18N.tv;
  const $ = (id) => document.getElementById(id);
  const BASE = "/console/api/attachments/";
  let files = [], filed = {};

  function node(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...children);
    return e;
  }

  function figure(a) {
    const name = a.filename || t("attachment");
    if (a.status !== "stored") {
      return node("span", { class: "attachment quarantined", "data-aid": a.id },
        t("attachment_refused", { name, reason: tv("attachment_reasons", a.reason) }));
    }
    const href = BASE + encodeURIComponent(a.id) + "/content";
    const body = a.mime.startsWith("image/")
      ? node("img", { src: BASE + encodeURIComponent(a.id) + "/thumbnail", alt: name, loading: "lazy" })
      : `📎 ${name}`;
    return node("a", { class: "attachment", "data-aid": a.id, href, target: "_blank", rel: "noopener" }, body);
  }

  function decorate(root, selector, mineOf) {
    if (!root) return;
    root.querySelectorAll(selector).forEach((el) => {
      if (el.querySelector(":scope > .attachments")) return;
      const mine = mineOf(el);
      if (mine.length) el.append(node("div", { class: "attachments" }, ...mine.map(figure)));
    });
  }

  function render() {
    decorate($("transcript"), "li[data-mid]", (el) => files.filter((a) => a.message_id === el.dataset.mid));
    decorate($("incidents"), "[data-iid]", (el) => filed[el.dataset.iid] || []);
  }

  document.addEventListener("detailchange", (e) => {
    files = e.detail.attachments || [];
    filed = Object.fromEntries((e.detail.incidents || []).map((i) => [i.id, i.attachments || []]));
    render();
  });
  document.addEventListener("langchange", () => {
    document.querySelectorAll(".attachments").forEach((el) => el.remove());
    render();
  });
  const watch = new MutationObserver(render);
  for (const id of ["transcript", "incidents"]) { const el = $(id); if (el) watch.observe(el, { childList: true }); }
})();
