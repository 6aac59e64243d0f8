// The payments formats, listed for the registry.
import type { SourceFormat } from "../format.ts";
import { nhsPayments } from "./nhs-payments.ts";

export const PAYMENT_FORMATS: readonly SourceFormat[] = [nhsPayments];
