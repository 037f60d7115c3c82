/**
 * The manifest's FunctionFile (commands.html). The ribbon's only button (整改台账助手) is a
 * `ShowTaskpane` action, which Office handles itself; Office still loads this page for the add-in's
 * ribbon and requires it to initialise Office.js, so that is all it does.
 */
Office.onReady(() => {
  // Nothing to register: no ExecuteFunction commands in the manifest.
});
