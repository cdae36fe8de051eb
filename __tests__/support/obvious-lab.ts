import type { Finding, SynthesizeResult } from '../../constructs';
import { schemasMissing, testWhen } from './shared';
import { aboutTheLab } from './synth';

/** The findings about a lab, one line each: severity, construct path, field, message and hint. */
export function shownFindings(findings: readonly Finding[]): string[] {
  return aboutTheLab(findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message} | ${f.hint ?? ''}`);
}

/**
 * The checks of a new user's lab written the obvious way, in the describe block that calls this: it synthesizes
 * with no finding, and (where the upstream schemas are at hand) every object passes them.
 */
export function expectObviousLabClean(result: () => SynthesizeResult): void {
  test('synthesizes with no finding', () => {
    expect(shownFindings(result().findings)).toEqual([]);
  });

  testWhen(schemasMissing())('every object passes the upstream schemas', () => {
    expect(result().findings.filter((f) => f.layer === 'schema' && !f.message.startsWith('no schema known'))).toEqual([]);
  });
}
