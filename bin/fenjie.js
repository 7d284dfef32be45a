#!/usr/bin/env node
// The `fenjie` command: runs the TypeScript CLI through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { runFromProcess } = await import('../src/cli/entry.ts');
process.exitCode = await runFromProcess(process.argv.slice(2));
