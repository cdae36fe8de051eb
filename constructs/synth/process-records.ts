// What the library records of the whole process rather than of a tree (the sites, hosts and pools
// declared, the files read outside any cluster's build): an inventory is no construct, so the tree
// cannot tell of it. A run of synth is one process and never forgets them.

const forgetters: Array<() => void> = [];

/**
 * Registers how to forget one of the process' records. Returns the record, so a module declares it in
 * one statement: `const DECLARED = processRecord(new Set<string>())`.
 */
export function processRecord<T extends { clear(): void }>(record: T): T {
  forgetters.push(() => record.clear());
  return record;
}

/**
 * Forgets every record, as a new process starts without them. For a runner that runs several programs
 * (test files) in one process with one instance of the library: each then sees only what it declared
 * itself. What a module of the library recorded when it loaded is forgotten too, and not recorded again.
 */
export function forgetProcessRecords(): void {
  for (const forget of forgetters) {
    forget();
  }
}
