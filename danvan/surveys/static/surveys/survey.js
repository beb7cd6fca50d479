// Show a question only when the question it depends on has one of the given answers.
// Without JavaScript every question is shown and the server ignores the hidden ones.
(function () {
  "use strict";
  function update(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (box) {
      var name = box.getAttribute("data-show-if");
      var wanted = (box.getAttribute("data-values") || "").split("|");
      var chosen = Array.prototype.map.call(
        form.querySelectorAll('[name="' + name + '"]:checked'), function (i) { return i.value; });
      var parent = form.querySelector('[id="qq-' + name.slice(2) + '"]');
      var parentShown = !parent || !parent.hidden;
      box.hidden = !(parentShown && chosen.some(function (v) { return wanted.indexOf(v) >= 0; }));
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.survey-form").forEach(function (form) {
      update(form);
      form.addEventListener("change", function () { update(form); });
    });
  });
})();
