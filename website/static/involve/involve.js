// Starts NHS.UK frontend components; pages work without it.
import { initAll } from "../wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js";

initAll();
