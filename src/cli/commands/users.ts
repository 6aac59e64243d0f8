// `icsplan users add|list|remove|passwd|roles` and `icsplan audit`: accounts for a server with login
// (PostgreSQL, or `serve --auth`) and the audit log of changes. Thin over src/app/accounts.ts and audit.ts.
import { userInfo } from "node:os";
import type { Command } from "commander";
import {
  addUser,
  listAccountUsers,
  removeUser,
  setUserPassword,
  setUserRoles,
  type Actor,
} from "../../app/accounts.ts";
import { auditLog } from "../../app/audit.ts";
import { withStore } from "../../store/store.ts";
import { parseFormat, renderRecords } from "../output.ts";
import { storeOptions, UsageError } from "../run.ts";

const cliActor = (): Actor => {
  let who = "unknown";
  try {
    who = userInfo().username;
  } catch {
    // No passwd entry for this uid (a container): the actor stays 'cli:unknown'.
  }
  return { name: `cli:${who}` };
};

const collect = (value: string, previous: string[]) => [...previous, value];

/** The password from standard input (one line; the trailing newline dropped). */
async function passwordFromStdin(given: boolean | undefined): Promise<string> {
  if (!given)
    throw new UsageError(
      'give the password on standard input with --password-stdin (e.g. `printf %s "$PW" | icsplan users add …`)',
      { field: "password-stdin" },
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

export function registerUsers(program: Command): void {
  const users = program.command("users").description("users of a server with login, and their roles");

  users
    .command("add <name>")
    .description("add a user with one or more roles, e.g. --role icb-planner:QNC --role viewer:place:15E")
    .option(
      "--role <role:scope>",
      "a role and its scope (ICB code, place:CODE or *); repeatable",
      collect,
      [],
    )
    .option("--display-name <text>", "the name shown on comments and sign-offs (default: the user name)")
    .option("--password-stdin", "read the password from standard input")
    .action(
      async (
        name: string,
        opts: { role: string[]; displayName?: string; passwordStdin?: boolean },
        command: Command,
      ) => {
        const password = await passwordFromStdin(opts.passwordStdin);
        const user = await withStore(storeOptions(command), (store) =>
          addUser(store, { name, displayName: opts.displayName, roles: opts.role, password }, cliActor()),
        );
        process.stdout.write(`Added ${user.name} (${user.displayName}): ${user.roles.join(", ")}\n`);
      },
    );

  users
    .command("list")
    .description("the users and their roles")
    .option("--format <format>", "table, csv or json", "table")
    .action(async (opts: { format: string }, command: Command) => {
      const format = parseFormat(opts.format);
      const rows = await withStore(storeOptions(command), (store) => listAccountUsers(store));
      if (rows.length === 0 && format === "table") {
        process.stdout.write(
          "No users: add one with `icsplan users add NAME --role icb-planner:CODE --password-stdin`.\n",
        );
        return;
      }
      const records = rows.map((u) => ({
        name: u.name,
        display_name: u.displayName,
        roles: u.roles.join(" "),
        created: u.createdAt,
      }));
      process.stdout.write(
        `${renderRecords(records, format, ["name", "display_name", "roles", "created"])}\n`,
      );
    });

  users
    .command("remove <name>")
    .description("remove a user (their sessions end)")
    .action(async (name: string, _opts: unknown, command: Command) => {
      await withStore(storeOptions(command), (store) => removeUser(store, name, cliActor()));
      process.stdout.write(`Removed ${name}\n`);
    });

  users
    .command("passwd <name>")
    .description("set a user's password (their sessions end)")
    .option("--password-stdin", "read the password from standard input")
    .action(async (name: string, opts: { passwordStdin?: boolean }, command: Command) => {
      const password = await passwordFromStdin(opts.passwordStdin);
      await withStore(storeOptions(command), (store) => setUserPassword(store, name, password, cliActor()));
      process.stdout.write(`Password of ${name} changed; their sessions have ended\n`);
    });

  users
    .command("roles <name>")
    .description("replace a user's roles")
    .option("--role <role:scope>", "a role and its scope; repeatable", collect, [])
    .action(async (name: string, opts: { role: string[] }, command: Command) => {
      const user = await withStore(storeOptions(command), (store) =>
        setUserRoles(store, name, opts.role, cliActor()),
      );
      process.stdout.write(`${user.name}: ${user.roles.join(", ")}\n`);
    });

  program
    .command("audit")
    .description("the audit log of changes, newest first: who, when, what, before and after")
    .option("--target <target>", "one target (plan:QNC) or a prefix (plan:)")
    .option("--actor <name>", "one user's changes")
    .option("--action <action>", "one kind of change (plan.edit, plan.step, scenario.delete, user.add…)")
    .option("--limit <n>", "rows (1–1000)", "50")
    .option("--format <format>", "table, csv or json", "table")
    .action(
      async (
        opts: { target?: string; actor?: string; action?: string; limit: string; format: string },
        command: Command,
      ) => {
        const format = parseFormat(opts.format);
        const limit = Number(opts.limit);
        if (!Number.isInteger(limit))
          throw new UsageError(`--limit must be a whole number; found '${opts.limit}'`, { field: "limit" });
        const rows = await withStore(storeOptions(command), (store) =>
          auditLog(store, { target: opts.target, actor: opts.actor, action: opts.action, limit }),
        );
        if (format === "json") {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        const records = rows.map((r) => ({
          id: r.id,
          at: r.at,
          actor: r.actor,
          action: r.action,
          target: r.target,
          before: JSON.stringify(r.before),
          after: JSON.stringify(r.after),
        }));
        process.stdout.write(
          `${renderRecords(records, format, ["id", "at", "actor", "action", "target", "before", "after"])}\n`,
        );
      },
    );
}
