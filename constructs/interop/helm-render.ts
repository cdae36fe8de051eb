// cdk8s' `Helm` runs `helm template` in its constructor, before it is a construct of the tree: what goes
// wrong there (no helm where synth runs, a chart helm cannot fetch) would be reported on the construct
// built before it, as a failure of its code.

/** How the lab installs a chart instead: rendered by the cluster's GitOps engine, with no helm where synth runs. */
const CHART_RELEASE = "new ChartRelease(this, '<name>', { namespace: '<namespace>', chart: { repository: 'https://…', chart: '<chart>', version: '1.2.3' } })";

/**
 * The finding's field, message and hint for an error raised by cdk8s' `Helm` while it rendered its chart,
 * or undefined for any other error. Pure.
 */
export function helmRenderProblem(error: unknown): { field: string; message: string; hint: string } | undefined {
  if (!(error instanceof Error)) {
    return undefined;
  }
  const missing = /^unable to execute '(.*)' to render Helm chart/.exec(error.message);
  if (missing) {
    return {
      field: 'helmExecutable',
      message: `cdk8s' Helm runs '${missing[1]}' to render its chart while the lab is built, and no such program is installed here`,
      hint: `let the cluster's GitOps engine render the chart: ${CHART_RELEASE}; or install helm where synth runs (and in CI), or name it with helmExecutable: '/path/to/helm'`,
    };
  }
  // helm's own failure (a chart or version it cannot fetch) is its stderr, thrown from cdk8s' renderTemplate as a
  // plain Error. Only such an error's stack is read: formatting a stack is far from free where stacks are
  // mapped to sources (a test runner), and most errors met here are of other classes.
  if (/^error while rendering a helm chart: /.test(error.message)
    || (error.constructor === Error && /\bat renderTemplate \(.*\n\s*at new Helm\d*\b/.test(error.stack ?? ''))) {
    return {
      field: 'chart',
      message: `cdk8s' Helm could not render its chart: ${error.message.trim().split('\n')[0] || 'helm failed and said nothing'}`,
      hint: `check the chart, repo and version helm was given; or let the cluster's GitOps engine render the chart: ${CHART_RELEASE}`,
    };
  }
  return undefined;
}
