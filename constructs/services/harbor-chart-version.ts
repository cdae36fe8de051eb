import type { PropProblem } from '../validation/known-props';

/**
 * A `chartVersion` of another major line than `pinned`, the release of the harbor chart whose values the
 * construct writes (confirmed at that release): most often Harbor's own release (2.x) written where the chart's
 * (1.x) belongs, which helm.goharbor.io does not have; otherwise a chart that may rename the values, which
 * Helm would then ignore without a word. Pure.
 */
export function harborChartVersionProblems(version: unknown, pinned: string): PropProblem[] {
  const major = typeof version === 'string' ? /^v?(\d+)\.\d+/.exec(version)?.[1] : undefined;
  const line = pinned.split('.')[0];
  if (major === undefined || major === line) {
    return [];
  }
  return [{
    field: 'chartVersion',
    message: `chartVersion "${String(version)}" is no ${line}.x release of the harbor chart, whose values this construct writes (read at ${pinned}); `
      + "the chart's releases are numbered apart from Harbor's own (chart 1.x installs Harbor 2.x), so this is Harbor's version or a chart whose values may have moved",
    hint: `give a ${line}.x release of the harbor chart of helm.goharbor.io, e.g. chartVersion: '${pinned}', or leave chartVersion out for ${pinned}`,
  }];
}
