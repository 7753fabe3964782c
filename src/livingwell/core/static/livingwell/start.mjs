// Start the NHS.UK frontend components (error summary focus, character counts, header menu).
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

initAll();
