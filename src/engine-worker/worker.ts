/**
 * The engine's Web Worker (its own webpack entry, `engine-worker.<hash>.js` beside the pane's files):
 * evaluates off the pane's thread, so a large ledger never freezes the pane. See runner.ts.
 */
import { serveEngine, type EngineScope } from "./serve";

// A dedicated worker's global scope; the project's `lib` is the DOM's, which does not describe it.
serveEngine(self as unknown as EngineScope);
