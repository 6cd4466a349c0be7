// Accessible names for the controls that Django's admin and its packages draw without
// one (WCAG 2.2 4.1.2 Name, Role, Value; each found by axe on a page of the admin,
// tests/browser/test_every_page_browser.py). Loaded on every admin page by
// templates/admin/base_site.html; see docs/adr/0079. Controls added later (an inline's
// "Add another", a tree's rows, a chooser opened) are named as they appear.
(function () {
  "use strict";

  const textOf = (element) => (element ? element.textContent.replace(/\s+/g, " ").trim() : "");

  function isNamed(control) {
    if (control.hasAttribute("aria-label") || control.hasAttribute("aria-labelledby")) {
      return true;
    }
    return Boolean(control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`));
  }

  // The id of the <label> of the control with id `id`, given one if it has none.
  function labelIdFor(id) {
    const label = id && document.querySelector(`label[for="${CSS.escape(id)}"]`);
    if (!label) return "";
    if (!label.id) label.id = `${id}-label`;
    return label.id;
  }

  // A control in a table's cell (a list's editable column, a tabular inline's field or
  // "Delete?" box): its column's heading and its row's name, as "Order, Compassion".
  function cellName(control) {
    const cell = control.closest("td");
    const table = cell && cell.closest("table");
    if (!table || !table.tHead) return "";
    const row = cell.parentElement;
    const field = [...cell.classList].find((name) => name.startsWith("field-"));
    let heading = field && table.tHead.querySelector(`.column-${CSS.escape(field.slice(6))}`);
    if (!heading) heading = table.tHead.rows[0].cells[[...row.cells].indexOf(cell)];
    const column = textOf(heading).replace(/\?$/, "");
    const rowName = textOf(row.querySelector("th, td.original p"));
    return [column, rowName].filter(Boolean).join(", ");
  }

  function nameCells(root) {
    for (const control of root.querySelectorAll("td input, td select, td textarea")) {
      if (control.type === "hidden" || isNamed(control)) continue;
      if (control.classList.contains("select2-search__field")) continue; // named below
      const name = cellName(control);
      if (name) control.setAttribute("aria-label", name);
    }
  }

  // select2's chooser (Django's autocomplete fields): the combobox is named by the
  // field's label and the choice shown, the search box of a multiple choice by the label.
  function nameChoosers(root) {
    for (const container of root.querySelectorAll("span.select2-container")) {
      const select = container.previousElementSibling;
      if (!select || select.tagName !== "SELECT") continue;
      const labelId = labelIdFor(select.id);
      const combobox = container.querySelector(".select2-selection[role=combobox]");
      const shown = container.querySelector(".select2-selection__rendered[role=textbox]");
      if (combobox && labelId && !combobox.dataset.named) {
        const ids = (combobox.getAttribute("aria-labelledby") || "").split(" ");
        combobox.setAttribute("aria-labelledby", [labelId, ...ids].filter(Boolean).join(" "));
        combobox.dataset.named = "1";
      }
      if (shown && labelId && !shown.hasAttribute("aria-labelledby")) {
        shown.setAttribute("aria-labelledby", labelId);
      }
      const search = container.querySelector(".select2-search__field");
      if (search && !isNamed(search)) {
        if (labelId) search.setAttribute("aria-labelledby", labelId);
        else search.setAttribute("aria-label", cellName(select) || "Search");
      }
      if (combobox && !labelId && !combobox.hasAttribute("aria-label")) {
        const name = cellName(select);
        if (name) combobox.setAttribute("aria-label", name);
      }
    }
  }

  // The help icon beside a two-pane chooser's filter box carries its text in aria-label,
  // which ARIA allows only on an element with a role: it is an image of that text.
  function nameIcons(root) {
    for (const icon of root.querySelectorAll(".help-tooltip[aria-label]:not([role])")) {
      icon.setAttribute("role", "img");
    }
  }

  // treebeard's button that shows or hides the rows within a row has no text.
  function nameTreeButtons(root) {
    for (const button of root.querySelectorAll("a.treebeard-collapse")) {
      const link = "th a:not(.treebeard-collapse), td a:not(.treebeard-collapse)";
      const row = textOf(button.closest("tr")?.querySelector(link));
      const open = button.classList.contains("treebeard-expanded");
      const name = `${open ? "Hide" : "Show"} what is within ${row}`.trim();
      if (button.getAttribute("aria-label") !== name) button.setAttribute("aria-label", name);
      const expanded = String(open);
      if (button.getAttribute("aria-expanded") !== expanded) {
        button.setAttribute("aria-expanded", expanded);
      }
    }
  }

  function nameAll() {
    nameCells(document);
    nameChoosers(document);
    nameIcons(document);
    nameTreeButtons(document);
  }

  let queued = false;
  function queue() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      nameAll();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    nameAll();
    new MutationObserver(queue).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["class"],
    });
  });
  // The two-pane chooser and the tree build their parts on the window's load.
  window.addEventListener("load", () => setTimeout(nameAll, 0));
})();
