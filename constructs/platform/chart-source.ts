import type { HelmChartSource } from './component';
import type { PropProblem } from '../validation/known-props';

// Where an app's chart comes from, as `helm repo add` and Flux's sources write it: habits of those tools
// (the chart as `repo/chart`, the OCI source's URL with the chart in it, the index file's URL) give a
// source object the API server takes and an engine that never finds the chart.

/** A bare word such as `bitnami` or `prometheus-community`: the name `helm repo add` gave a repository, no host. */
const REPOSITORY_ALIAS = /^[a-z0-9][a-z0-9_-]*$/i;

/** Registries that serve charts as OCI artifacts only, with no Helm repository index at any path. */
const OCI_ONLY_REGISTRIES = new Set(['ghcr.io', 'docker.io', 'registry-1.docker.io', 'public.ecr.aws']);

/**
 * What is wrong with `url` as the address of a Helm chart repository that is (`oci`) or is not an OCI
 * registry: an OCI one is written `oci://` (Flux's HelmRepository of type oci refuses https), and an
 * address on a registry that serves only OCI artifacts (`https://ghcr.io/…`) has no index.yaml to read,
 * as a repository of Flux or of another home lab may have written it. Pure.
 */
export function helmRepositoryUrlProblem(url: string, oci: boolean): { message: string; hint: string } | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/([^/:]+)/i.exec(url);
  if (scheme === null) {
    return undefined;
  }
  const rest = url.slice(scheme[1].length + 3);
  if (oci && scheme[1].toLowerCase() !== 'oci') {
    return { message: `"${url}" is the address of an OCI registry written with ${scheme[1]}://, which an OCI chart source refuses`, hint: `write it oci://${rest}` };
  }
  if (!oci && scheme[1].toLowerCase() === 'oci') {
    return { message: `"${url}" is an OCI registry, which a Helm repository of the default type cannot read`, hint: "give the HelmRepository type: oci (or an OCIRepository and the HelmRelease's chartRef)" };
  }
  if (!oci && OCI_ONLY_REGISTRIES.has(scheme[2].toLowerCase())) {
    return {
      message: `"${url}" is on ${scheme[2]}, a registry that serves charts as OCI artifacts only: it has no index.yaml, so Helm finds no chart there`,
      hint: `write it oci://${rest}`,
    };
  }
  return undefined;
}

function repositoryProblems(repository: string, chart: string): PropProblem[] {
  if (repository.trim() !== repository && repository.trim() !== '') {
    // The engine fetches the URL as written, blanks and all: <url> /index.yaml, which no server has.
    return [{ field: 'chart.repository', message: `repository ${JSON.stringify(repository)} has blanks around it, which the engine would fetch as part of the URL`, hint: `write it alone: '${repository.trim()}'` }];
  }
  if (/^[A-Za-z]:[\\/]|^\.{0,2}[\\/]|\\/.test(repository)) {
    return [{
      field: 'chart.repository', message: `repository "${repository}" is a folder of this machine, which the cluster's engine cannot read charts from`,
      hint: "publish the chart where the cluster can fetch it (helm push to an OCI registry: 'oci://registry/path', or a Helm repository's https URL), and give that",
    }];
  }
  if (!/^(https?|oci):\/\/[^/\s]/i.test(repository)) {
    return [{
      field: 'chart.repository', message: `repository "${repository}" is not the URL of a Helm repository or an OCI registry`,
      hint: REPOSITORY_ALIAS.test(repository)
        ? `"${repository}" is the name \`helm repo add\` gave the repository on one machine: write its URL, which \`helm repo list\` shows`
          + " (e.g. 'https://grafana.github.io/helm-charts'), or 'oci://registry/path' for an OCI registry"
        : `write it with its scheme: 'https://${repository.replace(/^[a-z]+:\/+/i, '')}' for an HTTP repository, or 'oci://registry/path' for an OCI one`,
    }];
  }
  const registry = helmRepositoryUrlProblem(repository, /^oci:\/\//i.test(repository));
  if (registry) {
    return [{ field: 'chart.repository', ...registry }];
  }
  const page = webPageProblem(repository);
  if (page) {
    return [{ field: 'chart.repository', ...page }];
  }
  const index = /^(.*?)\/index\.ya?ml$/i.exec(repository);
  if (index) {
    return [{
      field: 'chart.repository', message: `repository "${repository}" is the URL of the repository's index file, to which Helm adds /index.yaml again`,
      hint: `give the repository's URL: '${index[1]}'`,
    }];
  }
  const ociProblem = /^oci:\/\//i.test(repository) ? ociReferenceProblem(repository, chart) : undefined;
  if (ociProblem) {
    return [{ field: 'chart.repository', ...ociProblem }];
  }
  // Flux's OCIRepository and `helm install oci://…` take the chart's whole URL; here the chart is named apart.
  const oci = /^oci:\/\//i.test(repository) ? repository.replace(/\/+$/, '') : undefined;
  return oci !== undefined && chart !== '' && oci.endsWith(`/${chart}`) ? [{
    field: 'chart.repository', message: `OCI repository "${repository}" ends with the chart's name "${chart}", which the engines add again (${oci}/${chart})`,
    hint: `give the registry path without the chart: repository: '${oci.slice(0, -chart.length - 1)}', chart: '${chart}'`,
  }] : [];
}

/**
 * An OCI repository written as `helm pull` or a registry's page shows a chart's artifact: with its tag or digest
 * (`oci://ghcr.io/org/charts/app:1.2.3`), which Flux's OCIRepository refuses in its URL and to which the engines add
 * the chart's name and version again; or with capitals in its path, which no OCI repository name has (the registry
 * answers "invalid reference format"). Pure.
 */
function ociReferenceProblem(repository: string, chart: string): { message: string; hint: string } | undefined {
  const [, host, path] = /^oci:\/\/([^/]+)(\/.*)?$/i.exec(repository.replace(/\/+$/, '')) ?? [];
  const segments = (path ?? '').split('/').filter((segment) => segment !== '');
  const last = segments[segments.length - 1] ?? '';
  const pinned = /^([^:@]+)(?::([^@]+))?(?:@(.+))?$/.exec(last);
  if (pinned !== null && (pinned[2] !== undefined || pinned[3] !== undefined)) {
    const folder = pinned[1] === chart ? segments.slice(0, -1) : [...segments.slice(0, -1), pinned[1]];
    const version = pinned[2] ?? '<version>';
    return {
      message: `OCI repository "${repository}" holds the chart's ${pinned[2] !== undefined ? `tag :${pinned[2]}` : `digest @${pinned[3]}`}, which Flux's OCIRepository refuses in its URL and to which the engines add the chart's name and version again`,
      hint: `give the registry path alone and the version apart: repository: 'oci://${host}/${folder.join('/')}', chart: '${chart}', version: '${version}'`,
    };
  }
  const upper = segments.find((segment) => /[A-Z]/.test(segment));
  return upper === undefined ? undefined : {
    message: `OCI repository "${repository}" has capitals in its path ("${upper}"), which no OCI repository name has: the registry refuses the reference`,
    hint: `write the path in lower case, as the registry stores it: 'oci://${host}/${segments.join('/').toLowerCase()}'`,
  };
}

/**
 * The web page of a chart copied from the browser: its source repository on GitHub or GitLab, or its page on
 * Artifact Hub. Neither serves an index.yaml, so Helm finds no chart there. Pure.
 */
function webPageProblem(url: string): { message: string; hint: string } | undefined {
  if (/^https?:\/\/(?:www\.)?artifacthub\.io(?:\/|$)/i.test(url)) {
    return {
      message: `"${url}" is the chart's page on Artifact Hub, which lists charts and serves none: Helm finds no index.yaml there`,
      hint: 'open the page\'s INSTALL panel and give the URL of its `helm repo add` line (e.g. \'https://charts.example.org\'), or the oci:// registry it names',
    };
  }
  // The project's page, or a folder or file of it (`/tree/main/charts`): a release download may serve an index.
  const page = /^https?:\/\/(?:www\.)?(github\.com|gitlab\.com)\/([^/]+)\/([^/?#]+?)(?:\.git)?(?:\/(?:tree|blob|-)(?:\/.*)?)?\/?$/i.exec(url);
  if (page !== null) {
    const [site, owner, project] = [page[1].toLowerCase(), page[2], page[3]];
    return {
      message: `"${url}" is a Git repository's page on ${site}, not a Helm repository: it serves no index.yaml, so Helm finds no chart there`,
      hint: site === 'github.com'
        ? `give the Helm repository the project publishes, as its README's \`helm repo add\` line names it: often its GitHub Pages, 'https://${owner.toLowerCase()}.github.io/${project}', or an oci:// registry such as 'oci://ghcr.io/${owner.toLowerCase()}/charts'`
        : 'give the Helm repository the project publishes, as its README\'s `helm repo add` line names it, or GitLab\'s package registry: \'https://gitlab.com/api/v4/projects/<project id>/packages/helm/stable\'',
    };
  }
  return undefined;
}

/**
 * The chart written as `helm install` takes it after `helm repo add` (`<repo>/<chart>`), with its version as an
 * OCI reference writes it (`redis:19.6.4`), or in capitals on an OCI registry, whose repository names are lower case.
 */
function chartNameProblems(chart: string, repository: string): PropProblem[] {
  if (chart.includes('/')) {
    return [{
      field: 'chart.chart', message: `chart "${chart}" is written as <repo>/<chart>, a name helm repo add gave the repository on one machine; the repository holds no chart of that name`,
      hint: `name the chart alone: chart: '${chart.split('/').pop()}' (the repository is given by its URL in repository)`,
    }];
  }
  const pinned = /^([^:@]+)(?::([^@]*))?(?:@(.*))?$/.exec(chart);
  if (pinned !== null && (pinned[2] !== undefined || pinned[3] !== undefined)) {
    return [{
      field: 'chart.chart', message: `chart "${chart}" holds its ${pinned[2] !== undefined ? 'version' : 'digest'}, which the engines read as part of the chart's name: the repository holds no chart of that name`,
      hint: `name the chart alone and pin its version apart: chart: '${pinned[1]}', version: '${pinned[2] || '<version>'}'`,
    }];
  }
  return /^oci:\/\//i.test(repository) && /[A-Z]/.test(chart) ? [{
    field: 'chart.chart', message: `chart "${chart}" has capitals, which no OCI repository name has: the registry refuses the reference`,
    hint: `name it in lower case, as the registry stores it: chart: '${chart.toLowerCase()}'`,
  }] : [];
}

/** What is wrong with where an app's chart comes from, beyond its version (a policy of its own). Pure. */
export function chartSourceProblems(source: HelmChartSource): PropProblem[] {
  return typeof source?.repository !== 'string' || typeof source.chart !== 'string' ? []
    : [...repositoryProblems(source.repository, source.chart), ...chartNameProblems(source.chart, source.repository)];
}
