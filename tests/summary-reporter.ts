/**
 * Prints the closing line CI reads: `N passed, N failed` (plus skipped), summing every suite.
 * A file that fails to load, or whose hooks fail while none of its tests do, counts as one failure.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<unknown>,
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      let cases = 0;
      let failedHere = 0;
      for (const t of m.children.allTests()) {
        cases++;
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      // A file that failed to load, or whose hooks failed while none of its tests did, counts
      // as one failure (per file: a failure in an earlier file must not hide it).
      if ((cases === 0 && m.state() === 'failed') || (m.errors().length > 0 && failedHere === 0))
        failedHere++;
      failed += failedHere;
    }
    failed += unhandledErrors.length;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    // Printed at exit so it is the last line, after the default reporter's summary.
    process.once('exit', () =>
      process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`),
    );
  }
}
