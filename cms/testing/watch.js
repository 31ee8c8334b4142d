// Injected by Playwright into every document before the page's own scripts
// (init scripts are not subject to the page's Content-Security-Policy).
// Reports each CSP violation on the console with the directive and the
// source line, where the test harness turns it into a failure.
document.addEventListener("securitypolicyviolation", (event) => {
  const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : "";
  console.error(`[csp-violation] ${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}${where}`);
}, true);
