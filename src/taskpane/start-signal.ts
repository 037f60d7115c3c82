/**
 * Tells the page guard (`guard.js`, the first script of taskpane.html) that the pane has rendered:
 * from then on an error or its start timer no longer replaces the pane with its "cannot start"
 * message. The guard is plain ES5 outside the bundle, so the flag is a property of `window`; the
 * name is the guard's `STARTED_FLAG` (a test holds the two equal).
 */
export const PANE_STARTED_FLAG = "zgtzPaneStarted";

export function signalPaneStarted(target: object = window): void {
  Reflect.set(target, PANE_STARTED_FLAG, true);
}
