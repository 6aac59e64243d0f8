// `icsplan users …` and `icsplan audit` as a user runs them, the password on standard input: the first
// command runs the bundled CLI in a child process (a real pipe), the rest in-process with the same input;
// each change is in the audit log as the CLI's actor; mistakes are one line and exit 2.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { cliEntry, holdCliStores, runCliInProcess, tempDir } from "../helpers.ts";

holdCliStores();

const dir = join(tempDir("icsplan-users-"), "store");
/** The bundled CLI in a child process, `input` piped to its standard input. */
const child = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [cliEntry(), "--data-dir", dir, ...args], {
    encoding: "utf8",
    input,
    env: { ...process.env, DATABASE_URL: "" },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
/** The same command in-process, `input` as its standard input. */
const cli = (args: string[], input?: string) =>
  runCliInProcess(["--data-dir", dir, ...args], { DATABASE_URL: "" }, input === undefined ? {} : { input });

test("users add, list, roles, passwd, remove; audit lists each change", async () => {
  const add = child(
    [
      "users",
      "add",
      "pat",
      "--role",
      "icb-planner:qnc",
      "--role",
      "viewer:place:15E",
      "--display-name",
      "Pat P",
      "--password-stdin",
    ],
    "a long enough password\n",
  );
  assert.equal(add.status, 0, add.stderr);
  assert.equal(add.stdout, "Added pat (Pat P): icb-planner:QNC, viewer:place:15E\n");

  const list = await cli(["users", "list", "--format", "json"]);
  assert.equal(list.status, 0, list.stderr);
  const users = JSON.parse(list.stdout) as { name: string; roles: string }[];
  assert.deepEqual(
    users.map((u) => [u.name, u.roles]),
    [["pat", "icb-planner:QNC viewer:place:15E"]],
  );
  assert.doesNotMatch(list.stdout, /scrypt/);

  assert.equal((await cli(["users", "roles", "pat", "--role", "admin:*"])).stdout, "pat: admin:*\n");
  assert.equal(
    (await cli(["users", "passwd", "pat", "--password-stdin"], "another long password")).status,
    0,
  );
  assert.equal((await cli(["users", "remove", "pat"])).status, 0);

  const audit = await cli(["audit", "--format", "json"]);
  assert.equal(audit.status, 0, audit.stderr);
  const rows = JSON.parse(audit.stdout) as {
    actor: string;
    action: string;
    target: string;
    after: unknown;
  }[];
  assert.deepEqual(
    rows.map((r) => [r.action, r.target]),
    [
      ["user.remove", "user:pat"],
      ["user.password", "user:pat"],
      ["user.roles", "user:pat"],
      ["user.add", "user:pat"],
    ],
  );
  assert.ok(rows.every((r) => r.actor.startsWith("cli:")));
  assert.deepEqual(rows[2]!.after, { roles: ["admin:*"] });
});

test("mistakes are one line and exit 2", async () => {
  const noPassword = await cli(["users", "add", "sam", "--role", "viewer:Q99"]);
  assert.equal(noPassword.status, 2);
  assert.match(noPassword.stderr, /--password-stdin/);
  const badRole = await cli(
    ["users", "add", "sam", "--role", "wizard:Q99", "--password-stdin"],
    "a long enough password",
  );
  assert.equal(badRole.status, 2);
  assert.match(badRole.stderr, /a role is one of icb-planner, .*found 'wizard'/);
  assert.equal(badRole.stderr.trim().split("\n").length, 1);
  const short = await cli(["users", "add", "sam", "--role", "viewer:Q99", "--password-stdin"], "short");
  assert.equal(short.status, 2);
  assert.match(short.stderr, /12 to 1024 characters; found 5/);
  const missing = await cli(["users", "remove", "nobody"]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no user named 'nobody'/);
});
