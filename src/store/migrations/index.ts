// The ordered list of schema migrations, run by Kysely's Migrator on every open.
import type { Migration, MigrationProvider } from "kysely";
import * as initial from "./001-initial.ts";
import * as scenarios from "./002-scenarios.ts";
import * as readIndexes from "./003-read-indexes.ts";
import * as derivedCache from "./004-derived-cache.ts";
import * as lsoaLookups from "./005-lsoa-lookups.ts";
import * as plans from "./006-plans.ts";
import * as accounts from "./007-accounts.ts";
import * as planSectionEdits from "./008-plan-section-edits.ts";

const migrations: Record<string, Migration> = {
  "001-initial": initial,
  "002-scenarios": scenarios,
  "003-read-indexes": readIndexes,
  "004-derived-cache": derivedCache,
  "005-lsoa-lookups": lsoaLookups,
  "006-plans": plans,
  "007-accounts": accounts,
  "008-plan-section-edits": planSectionEdits,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
