// Designing England in one run: labels unique in England (englandLabels), and the command on the demo
// (`networks design --england`: the per-ICB table, one CSV, one scenario).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { englandLabels, type EnglandDesignRow } from "../../../src/app/network-england.ts";
import type { DesignResult } from "../../../src/engines/networks/design/index.ts";
import { holdCliStores, runCliInProcess, tempDir, useDemoStore } from "../../helpers.ts";

holdCliStores();

const design = (labels: [string, number][], relaxed?: string): DesignResult =>
  ({
    networks: labels.map(([label, listSize]) => ({
      label,
      practices: [],
      listSize,
      band: "in",
      waiver: null,
    })),
    relaxations: relaxed
      ? [
          {
            rule: "minimum",
            reason: "not-resolved",
            practices: [],
            network: relaxed,
            listSize: 1,
            message: `Network ${relaxed} (X) has 1 patients`,
          },
        ]
      : [],
  }) as unknown as DesignResult;

describe("England designs", () => {
  test("labels: NEW-k per ICB, a PCN code reused by two ICBs stays with the larger network", () => {
    const rows = [
      {
        icb: "QAA",
        result: design(
          [
            ["U1", 40_000],
            ["NEW-1", 35_000],
          ],
          "NEW-1",
        ),
      },
      {
        icb: "QBB",
        result: design([
          ["U1", 45_000],
          ["NEW-1", 31_000],
          ["U2", 30_000],
        ]),
      },
    ] as unknown as EnglandDesignRow[];
    const out = englandLabels(rows);
    assert.deepEqual(
      out.map((r) => r.result.networks.map((n) => n.label)),
      [
        ["U1-QAA", "NEW-QAA-1"],
        ["U1", "NEW-QBB-1", "U2"],
      ],
    );
    assert.equal(out[0]!.result.relaxations[0]!.network, "NEW-QAA-1");
    assert.equal(out[0]!.result.relaxations[0]!.message, "Network NEW-QAA-1 (X) has 1 patients");
    const all = out.flatMap((r) => r.result.networks.map((n) => n.label));
    assert.equal(new Set(all).size, all.length);
  });

  describe("networks design --england on the demo", () => {
    const dir = tempDir("icsplan-england-demo-");
    const env = { ICSPLAN_DATA_DIR: join(dir, "store"), DATABASE_URL: "" };
    before(() => {
      useDemoStore(env.ICSPLAN_DATA_DIR);
    });

    test("a row per ICB and a total, one CSV of every practice, one scenario", async () => {
      const out = join(dir, "england.csv");
      const r = await runCliInProcess(
        ["networks", "design", "--demo", "--icb", "all", "--out", out, "--save", "england-demo"],
        env,
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^England: 1 ICBs, PCN map of /m);
      assert.match(r.stdout, /Design: heuristic .* per ICB, seed 1, [\d,]+ proposals in all/);
      assert.match(r.stdout, /^England\s+139\s/m);
      const lines = readFileSync(out, "utf8").trim().split("\n");
      assert.equal(lines[0], "practice_code,network_code");
      assert.equal(lines.length, 1 + 139);
      assert.ok(
        lines.slice(1).every((l) => /^[A-Z0-9]+,(U\d+|NEW-[A-Z0-9]+-\d+)$/.test(l)),
        lines[1],
      );
      const shown = await runCliInProcess(["scenarios", "show", "england-demo"], env);
      assert.equal(shown.status, 0, shown.stderr);
      assert.match(shown.stdout, /England/);
      // An ICB's part of the England scenario is a configuration of that ICB.
      const evaluated = await runCliInProcess(
        ["networks", "evaluate", "--demo", "--config", "england-demo"],
        env,
      );
      assert.equal(evaluated.status, 0, evaluated.stderr);
      assert.match(evaluated.stdout, /NEW-[A-Z0-9]+-\d+|U\d+/);
      const refused = await runCliInProcess(["networks", "design", "--demo", "--england", "--exact"], env);
      assert.equal(refused.status, 2);
      assert.match(refused.stderr, /--exact works on one ICB or place at a time/);
    });
  });
});
