/* When a school is chosen, offer the majors that school lists (names only). */
(function () {
  var script = document.currentScript;
  var school = document.getElementById("id_school");
  var list = document.getElementById("major-options");
  if (!school || !list || !window.fetch) { return; }
  var url = script && script.getAttribute("data-url");
  if (!url) { return; }
  var asked = school.value;
  function refresh() {
    var value = school.value.trim();
    if (!value || value === asked) { return; }
    asked = value;
    fetch(url + "?school=" + encodeURIComponent(value), {credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || !data.found || asked !== value) { return; }
        list.textContent = "";
        data.majors.forEach(function (name) {
          var option = document.createElement("option");
          option.value = name;
          list.appendChild(option);
        });
      })
      .catch(function () {});
  }
  school.addEventListener("change", refresh);
  school.addEventListener("blur", refresh);
})();
