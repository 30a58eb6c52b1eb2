"use strict";
(function () {
  const form = document.getElementById("login-form");
  const error = document.getElementById("login-error");
  I18N.ready.then(() => I18N.apply());
  document.getElementById("lang-toggle").addEventListener("click", () => I18N.toggle());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const body = { username: form.username.value.trim(), password: form.password.value };
    try {
      const response = await fetch("/console/api/login", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
      if (response.ok) { window.location.assign("/console"); return; }
      const data = await response.json().catch(() => ({}));
      error.textContent = (data.error && data.error.code === "sign_in_failed")
        ? I18N.t("sign_in_failed") : (data.error ? data.error.message : I18N.t("error"));
    } catch (e) {
      error.textContent = I18N.t("offline");
    }
    error.hidden = false;
    form.password.value = "";
    form.password.focus();
  });
})();
