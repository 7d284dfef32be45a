/**
 * Whether two paths name the same file, as the file system sees it: after `.`/`..`, symbolic
 * links, hard links and (where the disk ignores it) letter case. Used to refuse writing an output
 * over the input.
 */
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { errnoOf } from '../hosts/xlsx/file';

/** The path with its existing directory part resolved through links. */
async function canonical(path: string): Promise<string> {
  const full = resolve(path);
  try {
    return await realpath(full);
  } catch (error) {
    // Not there (or not reachable, too long …): resolve what is above it.
    if (errnoOf(error) === undefined) throw error;
    const dir = dirname(full);
    return dir === full ? full : resolve(await canonical(dir), basename(full));
  }
}

/** Device and inode of an existing file, or undefined. */
async function identity(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path, { bigint: true }); // Windows file ids pass 2^53
    return `${s.dev}:${s.ino}`;
  } catch (error) {
    if (errnoOf(error) === undefined) throw error;
    return undefined; // not there, or not a file we can see: the writer will say why
  }
}

export async function samePath(a: string, b: string): Promise<boolean> {
  const [ia, ib] = await Promise.all([identity(a), identity(b)]);
  if (ia !== undefined && ib !== undefined) return ia === ib;
  return (await canonical(a)) === (await canonical(b));
}
