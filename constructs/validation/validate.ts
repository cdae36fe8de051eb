import type { IConstruct } from 'constructs';
import type { SynthesizedCluster } from '../synth/collect';
import { collectReportedFindings, Finding } from './finding';

/** A check over one cluster's synthesized objects. */
export type ClusterCheck = (cluster: SynthesizedCluster, all: readonly SynthesizedCluster[]) => Finding[];

/** The outcome of validating a set of clusters. */
export interface ValidationReport {
  /** Every finding, errors and warnings. */
  readonly findings: Finding[];
  /** Names of the checks that ran. */
  readonly checks: string[];
}

/** The checks that run on every synth, in layer order. Each layer adds its own. */
export const CLUSTER_CHECKS: Array<{ readonly name: string; readonly check: ClusterCheck }> = [];

/**
 * Validates everything before anything is written: problems constructs reported about their props,
 * then every registered check over the synthesized objects. All findings are returned together.
 */
export function validateClusters(root: IConstruct, clusters: readonly SynthesizedCluster[]): ValidationReport {
  const findings = collectReportedFindings(root);
  for (const cluster of clusters) {
    for (const { check } of CLUSTER_CHECKS) {
      findings.push(...check(cluster, clusters));
    }
  }
  return { findings, checks: ['construct props', ...CLUSTER_CHECKS.map((c) => c.name)] };
}
