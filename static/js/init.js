// Initialise every NHS.UK frontend component on the page.
import { initAll } from "../vendor/nhsuk-frontend/nhsuk-frontend.min.js";

initAll();

// The header's script moves the menu items that do not fit into its "More" menu,
// again on each resize. When the current page's item is among them, "More" is
// marked so that it is underlined as the item would be (css/trellis.css).
const menu = document.querySelector(".nhsuk-header__navigation .nhsuk-header__menu");
if (menu) {
  const mark = () =>
    menu.classList.toggle(
      "trellis-header__menu--current",
      menu.querySelector(".nhsuk-header__navigation-item--current") !== null,
    );
  new MutationObserver(mark).observe(menu, { childList: true, subtree: true });
  mark();
}
