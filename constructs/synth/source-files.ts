import * as fs from 'fs';
import * as path from 'path';
import { processRecord } from './process-records';

// Files read while a cluster is built, for incremental synth: they decide its output as much as its
// modules do. A stack, because a cluster's build may build a cluster it needs.
const recorders: Array<Set<string>> = [];
const outsideBuilds = processRecord(new Set<string>());

/**
 * Reads a file that decides what a construct renders (e.g. an encrypted secret committed beside the
 * chart). Read such files with this, not with `fs`: incremental synth then builds the cluster again
 * when the file changes.
 */
export function readSourceFile(file: string): string {
  const absolute = path.resolve(file);
  const content = fs.readFileSync(absolute, 'utf8');
  (recorders[recorders.length - 1] ?? outsideBuilds).add(absolute);
  return content;
}

/** Runs `build` and returns what it built with the files it read through {@link readSourceFile}. */
export function recordingSourceFiles<T>(build: () => T): { value: T; files: string[] } {
  const files = new Set<string>();
  recorders.push(files);
  try {
    const value = build();
    return { value, files: [...files].sort() };
  } finally {
    recorders.pop();
    if (recorders.length > 0) {
      files.forEach((file) => recorders[recorders.length - 1].add(file));
    }
  }
}

/** Files read outside any cluster's build (e.g. when a module loaded): they decide every cluster. */
export function sourceFilesReadOutsideBuilds(): string[] {
  return [...outsideBuilds].sort();
}
