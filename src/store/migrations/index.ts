// The ordered list of schema migrations, run by Kysely's Migrator on every open.
import type { Migration, MigrationProvider } from "kysely";
import * as initial from "./001-initial.ts";

const migrations: Record<string, Migration> = {
  "001-initial": initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
