import { type DayTwoSwitch, readmeChange } from './day-two-engines';
import { DISTRIBUTION_SAID } from './readme-preinstalled';

/** The distribution a cluster's output names in its README (`the cluster's distribution, Talos Linux;`), undefined when it names none. */
function distributionOfFiles(folder: string, files: ReadonlyMap<string, string>): string | undefined {
  const readme = files.get(`${folder}/README.md`) ?? '';
  const at = readme.indexOf(DISTRIBUTION_SAID);
  return at < 0 ? undefined : /^[^;|]+/.exec(readme.slice(at + DISTRIBUTION_SAID.length))?.[0].trim();
}

/**
 * The warning and step when a cluster's new output (`current`) is written for another distribution than its
 * previous one (`previous`, the changed files), as when `preinstalled: [talos()]` becomes `[k3s()]`: the
 * engine applies the new output to the cluster as it runs, still on the old distribution until its nodes are
 * reinstalled, and takes away what the new distribution brings itself (local-path-provisioner under K3s).
 * Undefined when the distribution stays or either output names none. Pure.
 */
export function distributionSwitch(previous: ReadonlyMap<string, string>, current: ReadonlyMap<string, string>, chartPath: string): DayTwoSwitch | undefined {
  const change = readmeChange(previous, current, distributionOfFiles);
  if (change === undefined) {
    return undefined;
  }
  const { before, after } = change;
  return {
    finding: {
      layer: 'policy', severity: 'warning', constructPath: chartPath, field: 'preinstalled',
      message: `the cluster's distribution changes from ${before} to ${after}, while its nodes still run ${before}: the GitOps engine applies this output to them as they are, `
        + `without what ${before} lacks and ${after} brings itself, and the cluster becomes ${after} only when its nodes are reinstalled`,
      hint: `if the change is meant, build the ${after} cluster by the bootstrap steps in the cluster README (copy the data of its claims out first), `
        + `and keep the running ${before} cluster off this output until then (suspend its sync, or commit on another branch); otherwise keep the previous distribution`,
    },
    action: {
      kind: 'manual', source: chartPath,
      action: `before committing the switch from ${before} to ${after}, suspend the running cluster's sync and copy the data of its claims out; then reinstall the nodes with ${after} by the bootstrap steps`,
    },
  };
}
