// The pure parts of section editing and signing in on the web: the narrative box's paragraphs, who changed a
// section, how long a rate limit says to wait, and the /sign-in route.
import assert from "node:assert/strict";
import { test } from "node:test";
import { paragraphsOf } from "../../src/app/plan-sections.ts";
import { changedByText, narrativeText, textParagraphs } from "../../web/src/plan/logic.ts";
import { matchRoute, paths } from "../../web/src/routes.ts";
import { waitText } from "../../web/src/sign-in-logic.ts";

test("the narrative box: paragraphs separated by blank lines, round trip, and the same split as the CLI's", () => {
  const paragraphs = ["First line\nsame paragraph.", "Second."];
  const text = narrativeText(paragraphs);
  assert.equal(text, "First line\nsame paragraph.\n\nSecond.");
  assert.deepEqual(textParagraphs(text), paragraphs);
  // Blank runs (with spaces, CRLF) separate; blank paragraphs are dropped; each is trimmed.
  assert.deepEqual(textParagraphs("  A \r\n \r\n\r\nB\n\n\n"), ["A", "B"]);
  assert.deepEqual(textParagraphs(""), []);
  for (const t of [text, "A\r\n\r\nB", "one"])
    assert.deepEqual(
      textParagraphs(t),
      paragraphsOf(t)
        .map((p) => p.trim())
        .filter(Boolean),
    );
});

test("who changed a section, as the conflict says it", () => {
  assert.equal(changedByText("Ann", "2026-03-02T09:05:33.000Z"), "Ann at 2026-03-02 09:05");
  assert.equal(changedByText(null, null), "someone else");
  assert.equal(changedByText("  ", "2026-03-02T09:05:33.000Z"), "someone else at 2026-03-02 09:05");
});

test("a rate limit's wait: minutes from 90 s (rounded up), else seconds", () => {
  assert.equal(waitText(900), "15 minutes");
  assert.equal(waitText(841), "15 minutes");
  assert.equal(waitText(90), "2 minutes");
  assert.equal(waitText(89), "89 seconds");
  assert.equal(waitText(1), "1 second");
  assert.equal(waitText(0.2), "1 second");
});

test("/sign-in is a page of its own", () => {
  assert.deepEqual(matchRoute(paths.signIn()), { page: "sign-in" });
  assert.deepEqual(matchRoute("/sign-in/"), { page: "sign-in" });
  assert.equal(matchRoute("/sign-in/x").page, "not-found");
});
