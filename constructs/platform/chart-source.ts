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
  // Flux's OCIRepository and `helm install oci://…` take the chart's whole URL; here the chart is named apart.
  const oci = /^oci:\/\//i.test(repository) ? repository.replace(/\/+$/, '') : undefined;
  return oci !== undefined && chart !== '' && oci.endsWith(`/${chart}`) ? [{
    field: 'chart.repository', message: `OCI repository "${repository}" ends with the chart's name "${chart}", which the engines add again (${oci}/${chart})`,
    hint: `give the registry path without the chart: repository: '${oci.slice(0, -chart.length - 1)}', chart: '${chart}'`,
  }] : [];
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

/** The chart written as `helm install` takes it after `helm repo add`: `<repo>/<chart>`. */
function chartNameProblems(chart: string): PropProblem[] {
  return chart.includes('/') ? [{
    field: 'chart.chart', message: `chart "${chart}" is written as <repo>/<chart>, a name helm repo add gave the repository on one machine; the repository holds no chart of that name`,
    hint: `name the chart alone: chart: '${chart.split('/').pop()}' (the repository is given by its URL in repository)`,
  }] : [];
}

/** What is wrong with where an app's chart comes from, beyond its version (a policy of its own). Pure. */
export function chartSourceProblems(source: HelmChartSource): PropProblem[] {
  return typeof source?.repository !== 'string' || typeof source.chart !== 'string' ? []
    : [...repositoryProblems(source.repository, source.chart), ...chartNameProblems(source.chart)];
}
