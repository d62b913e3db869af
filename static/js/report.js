/*
 * Autosave of action reports: the one page of an organisation's report
 * (templates/followup/report_organisation.html, a form per action) and an
 * action's own page (templates/followup/report_action.html).
 *
 * The pages work without this file: each form's Save button posts it. With it,
 * a form is posted in the background a moment after the person stops typing in
 * it, asking for JSON; the CSRF token comes from the form itself. Each form saves
 * on its own. The outcome, "Saved hh.mm" or why nothing was saved, is written
 * into the form's role="status" region, which screen readers announce politely.
 */
(function () {
  "use strict";

  if (!window.fetch || !window.FormData) {
    return;
  }
  var DELAY = 1500;

  function autosave(form) {
    var status = form.querySelector("[data-autosave-status]");
    var timer = null;
    var saving = false;
    var pending = false;
    var stopped = false;
    var submitting = false;

    function say(text, failed) {
      status.textContent = text;
      status.classList.toggle("error", Boolean(failed));
    }

    function field(name) {
      return form.querySelector('input[name="' + name + '"]');
    }

    function remember(data) {
      field("version").value = data.version;
      field("loaded").value = data.loaded;
    }

    function answer(response) {
      return response.json().then(function (data) {
        return { ok: response.ok, data: data };
      });
    }

    function done(result) {
      if (result.ok) {
        remember(result.data);
        say(result.data.message, false);
        return;
      }
      if (result.data.conflict || result.data.closed) {
        stopped = true; /* the Save button shows what happened, the person's text kept */
      }
      say(result.data.error || form.dataset.errorMessage, true);
    }

    function save() {
      timer = null;
      if (stopped) {
        return;
      }
      if (saving) {
        pending = true;
        return;
      }
      saving = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "X-CSRFToken": field("csrfmiddlewaretoken").value,
        },
      })
        .then(answer)
        .then(done)
        .catch(function () {
          say(form.dataset.errorMessage, true);
        })
        .then(function () {
          saving = false;
          if (submitting) {
            form.submit(); /* now with the version the background save left */
          } else if (pending) {
            pending = false;
            save();
          }
        });
    }

    function later() {
      if (timer) {
        window.clearTimeout(timer);
      }
      timer = window.setTimeout(save, DELAY);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", function (event) {
      stopped = true; /* the form is saved and left the ordinary way */
      if (timer) {
        window.clearTimeout(timer);
      }
      if (saving) {
        event.preventDefault(); /* wait for the background save, then post */
        submitting = true;
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave]"), autosave);
})();
