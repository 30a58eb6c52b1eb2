/* Avisa chat widget: the upload button (a photo or a PDF; drag and drop; the camera on a
 * phone). Loaded by widget.js, which hands it window.__avisaWidget. The file goes to the
 * gateway's POST /upload with the widget's session token; the answer is shown as the
 * desk's reply (received, too large or refused, in Spanish and English), or the bot's
 * replies to a photo (buttons too: "Is it the …?").
 */
(function () {
  "use strict";
  var W = window.__avisaWidget;
  if (!W || typeof W !== "object" || W.uploads) { return; }
  W.uploads = true;
  var TEXTS = {
    es: { attach: "Adjuntar una foto o un PDF", failed: "No se ha podido enviar el archivo. Inténtalo de nuevo." },
    en: { attach: "Attach a photo or a PDF", failed: "The file could not be sent. Please try again." }
  };
  var T = TEXTS[W.lang] || TEXTS.en;

  var picker = document.createElement("input");
  picker.type = "file";
  picker.accept = "image/*,application/pdf";
  picker.setAttribute("capture", "environment");
  picker.className = "avisa-file";
  picker.hidden = true;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "avisa-attach";
  button.textContent = "📎";
  button.title = T.attach;
  button.setAttribute("aria-label", T.attach);
  button.addEventListener("click", function () { picker.click(); });
  W.form.insertBefore(button, W.form.firstChild);
  W.form.appendChild(picker);

  function send(file) {
    W.add({ who: "user", text: "📎 " + file.name });
    W.token().then(function (token) {
      var headers = { "Authorization": "Bearer " + token, "Content-Type": file.type || "application/octet-stream" };
      var identity = W.identity();
      if (identity) { headers["X-Avisa-Identity"] = JSON.stringify(identity); }  // the chat's own conversation
      return fetch(W.origin + "/upload?name=" + encodeURIComponent(file.name), {
        method: "POST",
        headers: headers,
        body: file
      });
    }).then(function (res) { return res.json(); }).then(function (body) {
      if (body.replies && body.replies.length) {  // the bot read the photo ("Is it the …?")
        body.replies.forEach(function (r) { W.add({ who: "bot", text: r.text || "", buttons: r.buttons || [] }); });
        return;
      }
      W.add({ who: body.error ? "system" : "bot", text: body.text || T.failed });
    }).catch(function () { W.add({ who: "system", text: T.failed }); });
  }
  function sendAll(files) { Array.prototype.forEach.call(files || [], send); }

  picker.addEventListener("change", function () { sendAll(picker.files); picker.value = ""; });
  W.panel.addEventListener("dragover", function (e) { e.preventDefault(); W.panel.classList.add("avisa-dragging"); });
  W.panel.addEventListener("dragleave", function () { W.panel.classList.remove("avisa-dragging"); });
  W.panel.addEventListener("drop", function (e) {
    e.preventDefault();
    W.panel.classList.remove("avisa-dragging");
    sendAll(e.dataTransfer && e.dataTransfer.files);
  });
})();
