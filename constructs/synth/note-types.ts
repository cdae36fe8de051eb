// The metadata types of the notes constructs leave. A module of its own, importing nothing: validation
// modules name these types when they load, and collect.ts, which reads the notes, imports the whole
// platform. Through collect.ts, those modules' constants would depend on the order their importers load.

/** Metadata types of this library start with this; other construct metadata is not collected. */
export const NOTE_TYPE_PREFIX = 'cdk8s-homelab/';

/** Metadata type of a finding a construct reported (see `reportFinding`). */
export const FINDING_NOTE = `${NOTE_TYPE_PREFIX}finding`;
