/**
 * Prints the closing line CI reads: `N passed, N failed` (plus skipped), summing every suite.
 * A run in which a file fails to load counts that file as one failure.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      let cases = 0;
      for (const t of m.children.allTests()) {
        cases++;
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (cases === 0 && m.state() === 'failed') failed++;
      else if (m.errors().length > 0 && cases > 0 && failed === 0) failed++;
    }
    failed += unhandledErrors.length;
    const tail = skipped > 0 ? `, ${skipped} skipped` : '';
    // Printed at exit so it is the last line, after the default reporter's summary.
    process.once('exit', () => process.stdout.write(`\n${passed} passed, ${failed} failed${tail}\n`));
  }
}
