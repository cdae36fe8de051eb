import { processRecord } from '../synth/process-records';

// Every site declared in this process, by name, in the order of their declarations: a site no cluster uses is
// a warning of the fleet's synth (its inventory is never checked, and nothing is written for it), and a site is
// no construct, so the tree cannot tell of it.

const DECLARED = processRecord(new Set<string>());

/** Records that a site named `name` was declared (by `site()`). */
export function recordDeclaredSite(name: string): void {
  if (typeof name === 'string') {
    DECLARED.add(name);
  }
}

/** The names of the sites declared in this process, in the order of their first declaration. */
export function declaredSiteNames(): readonly string[] {
  return [...DECLARED];
}
