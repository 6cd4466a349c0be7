// Initialise every NHS.UK frontend component on the page.
import { initAll } from "../vendor/nhsuk-frontend/nhsuk-frontend.min.js";

initAll();
