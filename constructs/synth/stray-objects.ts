import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { ClusterChart } from '../platform/cluster-chart';
import { isOwnChild } from '../validation/construction-errors';
import { findingsRecordedOn, type Finding } from '../validation/finding';

/**
 * Findings for what was created outside every cluster chart: in a plain cdk8s `Chart`, or right under the
 * app. Synth writes and checks the objects of cluster charts only, so these would be missing from the
 * output without a word. The findings constructs there recorded (an App that is in no cluster) come as
 * they are; a construct under the app that holds objects and recorded none is one finding. Pure.
 */
export function outsideClusterFindings(root: IConstruct): Finding[] {
  const findings: Finding[] = [];
  for (const top of root.node.children) {
    if (!isOwnChild(root, top)) {
      continue;
    }
    const stray: { objects: ApiObject[]; recorded: Finding[] } = { objects: [], recorded: [] };
    gatherOutside(top, stray);
    if (stray.recorded.length > 0) {
      findings.push(...stray.recorded);
    } else if (stray.objects.length > 0) {
      findings.push(strayObjectsFinding(top, stray.objects));
    }
  }
  return findings;
}

function strayObjectsFinding(top: IConstruct, objects: readonly ApiObject[]): Finding {
  const first = objects[0];
  const more = objects.length > 1 ? ` and ${objects.length - 1} more object(s)` : '';
  return {
    layer: 'props', severity: 'error', constructPath: top.node.path, field: 'scope',
    message: `${top.node.path} holds objects outside every cluster chart (a ${first.kind} ${first.name}${more}), which synth would not write`,
    hint: `create them inside a cluster chart: new ApiObject(cluster, id, { … }), or create ${top.node.path} inside one: `
      + `new Chart(cluster, '${top.node.id}') instead of new Chart(app, '${top.node.id}')`,
  };
}

/** Adds the objects and recorded findings under `construct` (itself included) that no cluster chart holds. */
function gatherOutside(construct: IConstruct, stray: { objects: ApiObject[]; recorded: Finding[] }): void {
  if (construct instanceof ClusterChart) {
    return;
  }
  stray.recorded.push(...findingsRecordedOn(construct));
  if (construct instanceof ApiObject) {
    stray.objects.push(construct);
  }
  construct.node.children.filter((child) => isOwnChild(construct, child)).forEach((child) => gatherOutside(child, stray));
}
