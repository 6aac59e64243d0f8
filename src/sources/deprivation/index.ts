// The deprivation formats, listed for the registry.
import type { SourceFormat } from "../format.ts";
import { lsoaImd } from "./lsoa-imd.ts";
import { pcnImdSwahsn, practiceImdFingertips, practiceImdScore, practiceImdSwahsn } from "./practice-imd.ts";

export const DEPRIVATION_FORMATS: readonly SourceFormat[] = [
  lsoaImd,
  practiceImdSwahsn,
  pcnImdSwahsn,
  practiceImdFingertips,
  practiceImdScore,
];
