import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { projectRoot } from './sources';

/** A folder of generated files that may vanish at any time; every failure means "not cached". */
export interface DiskCache {
  /** Absolute path of the folder. */
  readonly dir: string;
  /** Content of `name`, or undefined when it is not cached. */
  read(name: string): Buffer | undefined;
  /** Store `content` as `name`; concurrent writers (jest workers) never see a partial file. */
  write(name: string, content: string | Uint8Array): void;
}

/**
 * The schema cache: `HOMELAB_SCHEMA_CACHE` when set (`off` or empty: no cache), otherwise
 * `node_modules/.cache/cdk8s-homelab/schema` in the project root, where build tools keep caches
 * and `npm ci` clears them.
 */
export function openDiskCache(): DiskCache | undefined {
  const fromEnv = process.env.HOMELAB_SCHEMA_CACHE;
  if (fromEnv === '' || fromEnv === 'off') return undefined;
  let dir: string;
  if (fromEnv !== undefined) {
    dir = resolve(fromEnv);
  } else {
    const root = projectRoot();
    if (root === undefined || !existsSync(join(root, 'node_modules'))) return undefined;
    dir = join(root, 'node_modules', '.cache', 'cdk8s-homelab', 'schema');
  }
  return folderCache(dir);
}

/**
 * What is wrong with `HOMELAB_SCHEMA_CACHE` when it names a path no folder can be made at (a file, or a
 * folder under a file): every run would then compile its validators and validate every object afresh, some
 * seconds each, without a word. Undefined when it is unset, `off`, empty, or a folder that is or can be made.
 */
export function schemaCacheVariableProblem(): { message: string; hint: string } | undefined {
  const fromEnv = process.env.HOMELAB_SCHEMA_CACHE;
  if (fromEnv === undefined || fromEnv === '' || fromEnv === 'off') {
    return undefined;
  }
  const dir = resolve(fromEnv);
  let existing = dir;
  while (!existsSync(existing) && dirname(existing) !== existing) {
    existing = dirname(existing);
  }
  if (statSync(existing).isDirectory()) {
    return undefined;
  }
  return {
    message: `HOMELAB_SCHEMA_CACHE names ${dir}, ${existing === dir ? 'which is a file' : `under the file ${existing}`}, not a folder: no validation result or validator could be kept`,
    hint: 'point it at a folder (it is made when missing), set it to off to keep no cache, or unset it for node_modules/.cache/cdk8s-homelab/schema',
  };
}

function folderCache(dir: string): DiskCache {
  let writable = true;
  return {
    dir,
    read(name) {
      try {
        return readFileSync(join(dir, name));
      } catch {
        return undefined;
      }
    },
    write(name, content) {
      if (!writable) return;
      try {
        mkdirSync(dir, { recursive: true });
        // Per thread: synth's worker threads write the same names at the same time.
        const temp = join(dir, `.${name}.${process.pid}-${currentThreadId()}.tmp`);
        writeFileSync(temp, content);
        renameSync(temp, join(dir, name));
      } catch {
        writable = false; // read-only checkout: keep working from memory
      }
    },
  };
}

/** This thread's id (0 on the main thread), loaded when a file is first written rather than at start-up. */
function currentThreadId(): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('worker_threads') as typeof import('worker_threads')).threadId;
}
