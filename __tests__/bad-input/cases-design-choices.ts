import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The cluster's choices against its design, written into its README: a list of paragraphs that say something.

/** A cluster `edge` of the lab given `designChoices`; the finding is expected on that prop. */
const edgeCluster = (name: string, designChoices: unknown, hint: RegExp): BadInput => ({
  name,
  build: guarded((_c, root) => labCluster(root, 'edge', { storage: {}, designChoices } as any)),
  layer: 'props', path: 'edge', field: /^designChoices/, hint,
});

export const CASES: BadInput[] = [
  edgeCluster('design choices given as one paragraph, not a list', 'limiting-factor is a control-plane node too', /list|array|\[/i),
  edgeCluster('a design choice left empty', ['limiting-factor is a control-plane node too', ' '], /reason|text/i),

];
