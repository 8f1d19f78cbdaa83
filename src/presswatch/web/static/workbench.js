// The workbench's only script: "cite" buttons copy the citation they carry and show it.
// Served from the package (no inline script, nothing from another site).
"use strict";

function showCitation(button, words, copied) {
  const shown = button.nextElementSibling;
  if (shown && shown.tagName === "OUTPUT") {
    shown.textContent = words;
  }
  button.classList.toggle("copied", copied);
  button.textContent = copied ? "copied" : "cite";
}

function copyByCommand(words) {
  // Where the clipboard API is refused (a page not focused, no permission), the older
  // copy command still works from a click.
  const area = document.createElement("textarea");
  area.value = words;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let done = false;
  try {
    done = document.execCommand("copy");
  } catch (_) {
    done = false;
  }
  area.remove();
  return done;
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button.cite");
  if (!button) {
    return;
  }
  const words = button.dataset.cite || "";
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(words).then(
      () => showCitation(button, words, true),
      () => showCitation(button, words, copyByCommand(words)),
    );
  } else {
    showCitation(button, words, copyByCommand(words));
  }
});
