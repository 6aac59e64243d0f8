// Observable Plot names each mark's group (`<g aria-label="line">`, "bar", "rule"…). ARIA forbids a name on
// an element with no role, and the chart already has one name for the whole figure (its `ariaLabel`, the
// title) with its figures in the table beside it, so each mark's name moves to `data-mark` (where the tests
// find the marks): the chart reads as one image. Called on a chart before it is placed in the page.
export function withOneAccessibleName<T extends Element>(chart: T): T {
  for (const el of chart.querySelectorAll("[aria-label]")) {
    if (el === chart || el.hasAttribute("role")) continue;
    el.setAttribute("data-mark", el.getAttribute("aria-label")!);
    el.removeAttribute("aria-label");
    el.removeAttribute("aria-description");
  }
  return chart;
}
