/**
 * Vitest's global setup: an empty directory for this run, where the first test file that needs
 * the production build of the pane builds it for the others (`sharedPaneBuild` in
 * tests/ui/harness.ts); removed when the run ends. Nothing is built here, so a run of other files
 * costs nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's shared production build of the pane goes. */
    paneBuildDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'fenjie-pane-build-'));
  project.provide('paneBuildDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
