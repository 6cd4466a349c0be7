// Accessible names for the controls that Django's admin and its packages draw without
// one (WCAG 2.2 4.1.2 Name, Role, Value; each found by axe on a page of the admin,
// tests/browser/test_every_page_browser.py). Loaded on every admin page by
// templates/admin/base_site.html; see docs/adr/0079. Controls drawn later (an inline's
// "Add another" row, a tree's rows, a chooser's list when it opens) are named as they
// appear.
(function () {
  "use strict";

  const textOf = (element) => (element ? element.textContent.replace(/\s+/g, " ").trim() : "");

  let made = 0;
  // The element's id, given one if it has none.
  function idOf(element) {
    if (!element.id) element.id = `trellis-named-${++made}`;
    return element.id;
  }

  function isNamed(control) {
    return (
      control.hasAttribute("aria-label") ||
      control.hasAttribute("aria-labelledby") ||
      Boolean(control.labels && control.labels.length)
    );
  }

  // The heading of the column a table's cell holds `control` in: the heading with the
  // cell's field name ("column-order" for "field-order"), else the one above it.
  function columnHeading(control) {
    const cell = control.closest("td");
    const table = cell && cell.closest("table");
    if (!table || !table.tHead) return null;
    const field = [...cell.classList].find((name) => name.startsWith("field-"));
    const heading = field && table.tHead.querySelector(`.column-${CSS.escape(field.slice(6))}`);
    return heading || table.tHead.rows[0].cells[[...cell.parentElement.cells].indexOf(cell)];
  }

  // A heading's words: without a sorted column's priority number, or a trailing "?".
  function headingText(heading) {
    return textOf(heading && (heading.querySelector(".text") || heading)).replace(/\?$/, "");
  }

  // A row's name: a list's heading cell, or the record named above an inline's row,
  // without the links beside it ("Change", "View on site").
  function rowName(row) {
    const heading = row.querySelector("th");
    if (heading) return textOf(heading);
    const original = row.querySelector("td.original p");
    if (!original) return "";
    const words = original.cloneNode(true);
    words.querySelectorAll("a").forEach((link) => link.remove());
    return textOf(words);
  }

  // A control in a table's cell (a list's editable column, a tabular inline's field or
  // "Delete?" box): its column's heading and its row's name, as "Order, Compassion".
  function nameCells() {
    for (const control of document.querySelectorAll("td input, td select, td textarea")) {
      if (control.type === "hidden" || isNamed(control)) continue;
      if (control.classList.contains("select2-hidden-accessible")) continue; // a chooser
      if (control.classList.contains("select2-search__field")) continue; // named below
      const row = control.closest("tr");
      const name = [headingText(columnHeading(control)), row && rowName(row)];
      const words = name.filter(Boolean).join(", ");
      if (words) control.setAttribute("aria-label", words);
    }
  }

  // What names a chooser's <select>: the id of its <label>, or of its column's heading in
  // a tabular inline, which has no label.
  function namingId(select) {
    if (select.labels && select.labels.length) return idOf(select.labels[0]);
    const heading = columnHeading(select);
    return heading ? idOf(heading) : "";
  }

  function labelBy(element, ids) {
    if (element && ids && !element.hasAttribute("aria-labelledby")) {
      element.setAttribute("aria-labelledby", ids);
    }
  }

  // select2's chooser (Django's autocomplete fields): the combobox, its search box and,
  // while it is open, its list of choices are named by the field's label (or column).
  function nameChoosers() {
    for (const container of document.querySelectorAll("select + span.select2-container")) {
      const labelId = namingId(container.previousElementSibling);
      if (!labelId) continue;
      // Named by the label alone, as a <select> is: select2 labelled it by the choice
      // shown, which is its value, and empty when nothing is chosen.
      const combobox = container.querySelector(".select2-selection[role=combobox]");
      if (combobox && !combobox.dataset.named) {
        combobox.setAttribute("aria-labelledby", labelId);
        combobox.dataset.named = "1";
      }
      // ARIA 1.2 asks an open combobox for aria-controls; select2 (ARIA 1.0) sets only
      // aria-owns while open.
      const owns = combobox && combobox.getAttribute("aria-owns");
      if (owns) combobox.setAttribute("aria-controls", owns);
      else if (combobox) combobox.removeAttribute("aria-controls");
      labelBy(container.querySelector(".select2-selection__rendered[role=textbox]"), labelId);
      const inline = container.querySelector(".select2-search__field");
      labelBy(inline, labelId);
      // Open: the list (named by aria-owns or the search box's aria-controls), and the
      // search box select2 puts above it at the end of the page.
      const listId =
        (combobox && combobox.getAttribute("aria-owns")) ||
        (inline && inline.getAttribute("aria-controls"));
      if (listId) {
        labelBy(document.getElementById(listId), labelId);
        const search = `.select2-dropdown .select2-search__field[aria-controls="${CSS.escape(listId)}"]`;
        labelBy(document.querySelector(search), labelId);
      }
    }
  }

  // The help icon beside a two-pane chooser's filter box carries its text in aria-label,
  // which ARIA allows only on an element with a role: it is an image of that text.
  function nameIcons() {
    for (const icon of document.querySelectorAll(".help-tooltip[aria-label]:not([role])")) {
      icon.setAttribute("role", "img");
    }
  }

  // treebeard's button that shows or hides the rows within a row has no text. Its name
  // stays the same and aria-expanded says which it does; it is inside the row's heading,
  // whose name it begins ("Show what is within Maternity"), so it names no row itself.
  function nameTreeButtons() {
    for (const button of document.querySelectorAll("a.treebeard-collapse")) {
      if (button.getAttribute("aria-label") !== TREE_BUTTON) {
        button.setAttribute("aria-label", TREE_BUTTON);
      }
      const expanded = String(button.classList.contains("treebeard-expanded"));
      if (button.getAttribute("aria-expanded") !== expanded) {
        button.setAttribute("aria-expanded", expanded);
      }
    }
  }
  const TREE_BUTTON = "Show what is within";

  // A button answers the space bar as well as Enter; treebeard's is a link made a
  // button, which the space bar would only scroll past.
  document.addEventListener("keydown", (event) => {
    if (event.key !== " " || !event.target.matches("a.treebeard-collapse")) return;
    event.preventDefault();
    event.target.click();
  });

  function nameAll() {
    nameCells();
    nameChoosers();
    nameIcons();
    nameTreeButtons();
  }

  // Only a change that can bring an unnamed control: rows or parts added anywhere but
  // inside a chooser's list of choices (drawn afresh as each letter is typed), a chooser
  // opened or closed, a tree's row shown or hidden.
  const NAMED_BY_CLASS = "a.treebeard-collapse, .select2-container";
  function matters(record) {
    const target = record.target;
    if (record.type === "attributes") return target.matches(NAMED_BY_CLASS);
    return !(target.closest && target.closest(".select2-results__options"));
  }

  // select2 highlights the choice the arrow keys reach but gives a choice read from the
  // server no id, so its search box cannot point at it (aria-activedescendant) and a
  // screen reader says nothing as the keys move (select2/select2#4350).
  function pointAt(option) {
    const list = option.closest(".select2-results__options");
    if (!list || !list.id) return;
    const search = `.select2-search__field[aria-controls="${CSS.escape(list.id)}"]`;
    const box = document.querySelector(search);
    if (box) box.setAttribute("aria-activedescendant", idOf(option));
  }

  const HIGHLIGHTED = "select2-results__option--highlighted";
  let queued = false;
  function queue(records) {
    for (const record of records) {
      if (record.type === "attributes" && record.target.classList.contains(HIGHLIGHTED)) {
        pointAt(record.target);
      }
    }
    if (queued || !records.some(matters)) return;
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
})();
