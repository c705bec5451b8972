// The document page: a highlighted stretch shows its facts, a fact shows its stretches.
// Only textContent is ever written: what a source says never becomes markup.
"use strict";
(function () {
  const popup = document.getElementById("fact-popup");
  if (!popup) return;
  const labels = {};
  document.querySelectorAll(".fact-item").forEach(function (item) {
    labels[item.dataset.fact] = item.querySelector(".fact-label").textContent;
  });
  function clear() {
    document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); });
  }
  function showMark(mark) {
    clear();
    const ids = mark.dataset.facts.split(" ");
    mark.classList.add("active");
    popup.textContent = "";
    ids.forEach(function (id) {
      const line = document.createElement("div");
      line.textContent = labels[id] || "";
      popup.appendChild(line);
      const item = document.getElementById("fact-" + id);
      if (item) item.classList.add("active");
    });
    popup.hidden = false;
  }
  function showFact(item) {
    clear();
    item.classList.add("active");
    let first = null;
    document.querySelectorAll("mark.fact").forEach(function (mark) {
      if (mark.dataset.facts.split(" ").indexOf(item.dataset.fact) >= 0) {
        mark.classList.add("active");
        first = first || mark;
      }
    });
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  }
  document.querySelectorAll("mark.fact").forEach(function (mark) {
    mark.addEventListener("click", function () { showMark(mark); });
    mark.addEventListener("mouseenter", function () { showMark(mark); });
    mark.addEventListener("keydown", function (e) { if (e.key === "Enter") showMark(mark); });
  });
  document.querySelectorAll(".fact-item").forEach(function (item) {
    item.addEventListener("click", function (e) { if (e.target.closest("form")) return; showFact(item); });
  });
  popup.addEventListener("click", function () { popup.hidden = true; clear(); });
})();
