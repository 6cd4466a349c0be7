"""Measures of the tables in NHS.UK's scrolling box ({% scrolling_table %}), for the
browser tests (WCAG 1.4.10 Reflow, 2.1.1 Keyboard).

`scroll_boxes(page)` scrolls each box to its end and reports, per box: its caption,
how far it scrolls, how many edge shadows show before it is scrolled, whether it can
take keyboard focus, and the last column's text that something covers at the end of
scroll (an edge shadow, or the box's own edge)."""

# Each box is scrolled to its far end; after the shadows' 0.2 s fade, the right end of
# every row's last cell's text must be on show: not under a visible edge shadow (a
# ::before/::after, which elementFromPoint cannot see as it takes no pointer events),
# and elementFromPoint there must find the cell itself.
SCROLL_BOXES = """async () => {
  const frames = () => new Promise((done) =>
    requestAnimationFrame(() => requestAnimationFrame(done)));
  const shadows = (box) => ["::before", "::after"].flatMap((which) => {
    const style = getComputedStyle(box, which);
    if (style.display === "none" || parseFloat(style.opacity) < 0.01) return [];
    const root = box.offsetParent.getBoundingClientRect();
    const width = parseFloat(style.width);
    const left = style.left !== "auto" ? root.left + parseFloat(style.left)
      : root.right - parseFloat(style.right) - width;
    return [[left, left + width]];
  });
  const boxes = [...document.querySelectorAll(".nhsuk-scroll__content")];
  await new Promise((done) => setTimeout(done, 400));  // any shadow's fade is over
  const atRest = boxes.map((box) => shadows(box).length);
  for (const box of boxes) box.scrollLeft = box.scrollWidth;
  await frames();
  await new Promise((done) => setTimeout(done, 400));
  return boxes.map((box, n) => {
    const caption = box.querySelector("caption");
    const covered = [];
    for (const row of box.querySelectorAll("tr")) {
      const cell = row.lastElementChild;
      if (!cell || !cell.textContent.trim()) continue;
      // elementFromPoint sees only the window: bring the row into it first.
      window.scrollTo(0, window.scrollY + row.getBoundingClientRect().top - innerHeight / 2);
      const frame = box.getBoundingClientRect();
      const edges = shadows(box);
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = [...range.getClientRects()].filter((r) => r.width > 0);
      if (!lines.length) continue;
      const end = lines.reduce((a, b) => (b.right > a.right ? b : a));
      const x = end.right - 1, y = end.top + end.height / 2;
      const hit = document.elementFromPoint(x, y);
      const name = cell.textContent.trim().replace(/\\s+/g, " ").slice(0, 40);
      if (edges.some(([l, r]) => x > l && end.left < r)) covered.push(`${name} (shadow)`);
      else if (x > frame.right || !hit || !cell.contains(hit)) covered.push(`${name} (edge)`);
    }
    box.scrollLeft = 0;
    return {
      caption: caption ? caption.textContent.trim().replace(/\\s+/g, " ") : "(no caption)",
      overflow: box.scrollWidth - box.clientWidth,
      tabindex: box.getAttribute("tabindex"),
      shadowsAtRest: atRest[n],
      labelled: Boolean(box.getAttribute("aria-labelledby") &&
        document.getElementById(box.getAttribute("aria-labelledby"))),
      covered,
    };
  });
}"""

FOCUSABLE_BOXES = """() => [...document.querySelectorAll(".nhsuk-scroll__content")].map((box) => {
  box.focus();
  return {label: box.getAttribute("aria-labelledby"), focused: document.activeElement === box,
          role: box.getAttribute("role")};
})"""


def scroll_boxes(page):
    """In: a loaded page. Out: one dict per scrolling box (see SCROLL_BOXES)."""
    return page.evaluate(SCROLL_BOXES)


def focusable_boxes(page):
    """In: a loaded page. Out: for each scrolling box, whether focus() reached it."""
    return page.evaluate(FOCUSABLE_BOXES)
