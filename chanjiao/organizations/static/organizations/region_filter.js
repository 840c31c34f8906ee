/* Adds a province select in front of a grouped region select (<script data-select="id">). */
(function () {
  var script = document.currentScript;
  var select = script && document.getElementById(script.getAttribute("data-select"));
  if (!select) { return; }
  var groups = Array.prototype.slice.call(select.querySelectorAll("optgroup"));
  var blank = select.querySelector("option[value='']");
  var chosen = select.value;
  var filter = document.createElement("select");
  filter.setAttribute("aria-label", "先选择省份");
  filter.appendChild(new Option("全部省份", ""));
  groups.forEach(function (group, index) {
    filter.appendChild(new Option(group.label, String(index)));
    if (chosen && group.querySelector("option[value='" + chosen + "']")) { filter.value = String(index); }
  });
  function show() {
    var keep = filter.value;
    while (select.firstChild) { select.removeChild(select.firstChild); }
    if (blank) { select.appendChild(blank); }
    groups.forEach(function (group, index) {
      if (keep === "" || keep === String(index)) { select.appendChild(group); }
    });
    select.value = chosen && select.querySelector("option[value='" + chosen + "']") ? chosen : "";
  }
  filter.addEventListener("change", function () { chosen = ""; show(); });
  select.addEventListener("change", function () { chosen = select.value; });
  select.parentNode.insertBefore(filter, select);
  select.parentNode.insertBefore(document.createTextNode(" "), select);
  show();
})();
