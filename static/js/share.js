// The share page's copy button (templates/voice/share.html): copies the short link and
// says so in a status message. Without JavaScript the button stays hidden and the link
// is selected by hand from its read-only field.
(function () {
  "use strict";
  document.querySelectorAll("button.copy-link").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    var status = button.parentElement.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      field.select();
      var done = function () { status.textContent = button.dataset.copied; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {
          document.execCommand("copy");
          done();
        });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
})();
