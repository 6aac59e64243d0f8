// Join checking: counts how many distinct codes of a file join to the practice register and, where the
// join is strict, rejects the first code that does not, naming its line and column.
import { SourceError } from "./errors.ts";
import type { ImportContext, JoinCoverage, PracticeRegister } from "./format.ts";

export class PracticeJoin {
  private readonly seen = new Map<string, number>();

  private constructor(
    private readonly register: PracticeRegister | undefined,
    private readonly fileLabel: string,
    private readonly column: string,
    private readonly strict: boolean,
  ) {}

  /**
   * `strict`: unknown codes are errors (files that define current practices, such as registrations).
   * Otherwise unknown codes are reported (historical files name practices since purged from ODS),
   * unless the user asked for strict joins.
   */
  static async start(ctx: ImportContext, column: string, strict: boolean): Promise<PracticeJoin> {
    return new PracticeJoin(await ctx.practiceRegister(), ctx.file.label, column, strict || ctx.strictJoins);
  }

  check(code: string, line: number): void {
    if (this.seen.has(code)) return;
    this.seen.set(code, line);
    if (this.strict && this.register && !this.register.codes.has(code)) {
      throw new SourceError(
        { file: this.fileLabel, line, column: this.column },
        `a practice code in the practice register (${this.register.label})`,
        `'${code}', which is not in it`,
        "import the current epraccur file first, or correct the code",
      );
    }
  }

  coverage(): JoinCoverage[] {
    if (!this.register) return [];
    const unmatched: { code: string; line: number }[] = [];
    let matched = 0;
    for (const [code, line] of this.seen) {
      if (this.register.codes.has(code)) matched++;
      else if (unmatched.length < 10) unmatched.push({ code, line });
    }
    return [{ key: this.column, against: this.register.label, matched, total: this.seen.size, unmatched }];
  }
}
