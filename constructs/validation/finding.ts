import type { IConstruct } from 'constructs';
import { withEscapedControls } from '../inventory/problems';
import { SynthesizedCluster } from '../synth/collect';
import { FINDING_NOTE } from '../synth/note-types';

/**
 * The layers of validation, in the order they are reported: `props` holds what constructs could not build
 * from the props they were given (unknown props, values of the wrong type); the other four check the objects.
 */
export type ValidationLayer = 'props' | 'schema' | 'references' | 'inventory' | 'policy';

/** One problem found in the synthesized output or in the intent behind it. */
export interface Finding {
  /** Which layer found it. */
  readonly layer: ValidationLayer;
  /** Errors stop synthesis; warnings are printed only. */
  readonly severity: 'error' | 'warning';
  /** Construct path of the object or construct at fault, e.g. `mobius/homelab/adguard/deployment`. */
  readonly constructPath: string;
  /** Kind of the object at fault. @default - a construct, not an object */
  readonly kind?: string;
  /** Namespace of the object at fault. @default - cluster-scoped or not an object */
  readonly namespace?: string;
  /** Name of the object at fault. @default - not an object */
  readonly name?: string;
  /** Field path inside the object or the props, e.g. `spec.template.spec.containers[0].image`. */
  readonly field: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. @default - none */
  readonly hint?: string;
}

const FINDING_METADATA = FINDING_NOTE;

/**
 * Records a problem that a construct found in its own props. Constructs report instead of throwing so
 * that one synth run lists every problem at once.
 */
export function reportFinding(scope: IConstruct, finding: Omit<Finding, 'constructPath'>): void {
  scope.node.addMetadata(FINDING_METADATA, finding);
}

/** How findings name the app itself, whose construct path is empty: the code that defines the lab. */
export const APP_CONSTRUCT_PATH = '(app)';

/** The findings recorded on `construct` itself (see {@link reportFinding}), with its construct path. */
export function findingsRecordedOn(construct: IConstruct): Finding[] {
  const findings: Finding[] = [];
  for (const entry of construct.node.metadata) {
    if (entry.type === FINDING_METADATA) {
      findings.push({ ...(entry.data as Omit<Finding, 'constructPath'>), constructPath: construct.node.path || APP_CONSTRUCT_PATH });
    }
  }
  return findings;
}

/** Every finding that constructs of the clusters recorded, with their construct paths. */
export function reportedFindings(clusters: readonly SynthesizedCluster[]): Finding[] {
  return clusters.flatMap((cluster) => cluster.notes
    .filter((note) => note.type === FINDING_METADATA)
    .map((note) => ({ ...(note.data as Omit<Finding, 'constructPath'>), constructPath: note.constructPath })));
}

/**
 * One line per finding, the way the command line prints it, and its hint on an indented line. Line breaks
 * inside a message or hint (an error's text, a validation's message) continue on indented lines, so that
 * every line that starts with `ERROR` or `WARNING` is a finding of its own.
 */
export function formatFinding(finding: Finding): string {
  const object = finding.kind ? ` ${finding.kind} ${finding.namespace ? `${finding.namespace}/` : ''}${finding.name ?? ''}` : '';
  // A construct id or a field named after a key the user wrote may hold a line break: each stays on its line.
  const field = finding.field ? ` ${withEscapedControls(finding.field)}:` : '';
  const hint = finding.hint ? `\n      hint: ${indented(finding.hint)}` : '';
  return `${finding.severity.toUpperCase()} [${finding.layer}] ${withEscapedControls(finding.constructPath)}${object}${field} ${indented(finding.message)}${hint}`;
}

const LINE_BREAK = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/;

/** `text` with its continuation lines indented (unchanged, and not copied, when it has none). */
function indented(text: string): string {
  return LINE_BREAK.test(text) ? text.split(LINE_BREAK).join('\n        ') : text;
}
