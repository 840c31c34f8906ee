/* The site frame: the phone menu button, the locality switcher, confirmations. No framework, no build. */
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  var toggle = document.querySelector(".menu-toggle");
  var panel = document.getElementById("site-menu");
  if (toggle && panel) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      panel.classList.toggle("open", !open);
    });
  }
  // A step that cannot be undone asks first: <form data-confirm="…">.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // A link to copy: <input readonly data-select-on-click> selects its text when tapped.
  document.querySelectorAll("input[data-select-on-click]").forEach(function (input) {
    input.addEventListener("click", function () { input.select(); });
  });
  // "Back" on the error page: <a data-history-back>.
  document.querySelectorAll("a[data-history-back]").forEach(function (link) {
    link.addEventListener("click", function (event) { event.preventDefault(); history.back(); });
  });
  // Folded filters (<details data-open-wide>) start open on a wide screen, folded on a phone.
  if (window.matchMedia && window.matchMedia("(min-width: 721px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = true; });
  }
});

/* Entry by name: type-ahead choices for catalogue fields (<input data-suggest="region">, filled
   into a <datalist> from /api/v1/catalogs/suggest/…) and the occupation suggested from a post's
   title (<input data-suggest-occupation="id_occupation_code">). */
document.addEventListener("DOMContentLoaded", function () {
  function debounce(fn, wait) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }
  function getJSON(url, done) {
    var request = new XMLHttpRequest();
    request.open("GET", url);
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      if (request.status === 200) { done(JSON.parse(request.responseText)); }
    };
    request.send();
  }
  var SEPARATORS = /[,，;；、\s]+/;
  document.querySelectorAll("input[data-suggest]").forEach(function (input, index) {
    var list = document.createElement("datalist");
    list.id = "suggest-" + index;
    input.setAttribute("list", list.id);
    input.parentNode.insertBefore(list, input.nextSibling);
    var multiple = input.hasAttribute("data-suggest-multiple");
    var lookup = debounce(function () {
      var text = input.value;
      var parts = multiple ? text.split(SEPARATORS) : [text];
      var query = parts[parts.length - 1].trim();
      var before = multiple ? text.slice(0, text.length - parts[parts.length - 1].length) : "";
      if (!query) { list.innerHTML = ""; return; }
      var url = "/api/v1/catalogs/suggest/" + input.getAttribute("data-suggest") + "/?q=" +
        encodeURIComponent(query);
      getJSON(url, function (rows) {
        list.innerHTML = "";
        rows.forEach(function (row) {
          var option = document.createElement("option");
          option.value = before + row.value;
          option.label = row.label;
          option.textContent = row.label;
          list.appendChild(option);
        });
      });
    }, 200);
    input.addEventListener("input", lookup);
  });

  document.querySelectorAll("input[data-suggest-occupation]").forEach(function (title) {
    var field = document.getElementById(title.getAttribute("data-suggest-occupation"));
    var confirmed = document.getElementById("id_occupation_confirmed");
    if (!field) { return; }
    var box = document.createElement("div");
    box.className = "occupation-suggestion";
    box.setAttribute("aria-live", "polite");
    box.hidden = true;
    title.parentNode.insertBefore(box, title.nextSibling);
    function accept(code, name) {
      field.value = name + "（" + code + "）";
      if (confirmed) { confirmed.value = code; }
      box.querySelector(".occupation-suggestion__state").textContent = "已采用：" + name;
    }
    function button(text, code, name, primary) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = primary ? "occupation-suggestion__accept" : "occupation-suggestion__other";
      element.textContent = text;
      element.addEventListener("click", function () { accept(code, name); });
      return element;
    }
    var suggest = debounce(function () {
      var text = title.value.trim();
      if (text.length < 2) { box.hidden = true; return; }
      getJSON("/api/v1/occupations/classify/?title=" + encodeURIComponent(text), function (guess) {
        box.innerHTML = "";
        if (!guess.code || guess.level !== "细类") { box.hidden = true; return; }
        var line = document.createElement("span");
        line.className = "occupation-suggestion__best";
        line.textContent = "推荐职业：" + guess.name + "（" + guess.code + "）";
        box.appendChild(line);
        box.appendChild(button("采用", guess.code, guess.name, true));
        var others = guess.candidates.filter(function (c) { return c.code !== guess.code; });
        if (others.length) {
          var label = document.createElement("span");
          label.className = "muted";
          label.textContent = "其他候选：";
          box.appendChild(label);
          others.slice(0, 3).forEach(function (c) {
            box.appendChild(button(c.name, c.code, c.name, false));
          });
        }
        var state = document.createElement("span");
        state.className = "occupation-suggestion__state muted";
        box.appendChild(state);
        box.hidden = false;
      });
    }, 400);
    title.addEventListener("input", suggest);
    field.addEventListener("input", function () { if (confirmed) { confirmed.value = ""; } });
  });
});
