import type { SynthesizedCluster } from '../synth/collect';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { fields, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

// A Middleware of a plugin (`spec.plugin.<name>`, as the CrowdSec bouncer's guide writes it) runs only a plugin that
// Traefik's static configuration declares under that name: the chart's `experimental.plugins.<name>` (downloaded
// from its module at start) or `experimental.localPlugins.<name>`, or the same flags among `additionalArguments`.
// Undeclared, Traefik cannot build the Middleware, and each router that names it is left out: the routes behind
// the bouncer answer 404 instead of being guarded.

/** A static-configuration flag that declares a plugin: `--experimental.plugins.<name>.modulename=…`. */
const PLUGIN_FLAG = /^--experimental\.(?:local)?plugins\.([^.=\s]+)\./i;

/** The plugin names the cluster's Traefik values declare, from both keys and the chart's extra arguments. Pure. */
export function declaredTraefikPlugins(values: Readonly<Record<string, unknown>>): string[] {
  const experimental = fields(values.experimental);
  const flags: unknown[] = Array.isArray(values.additionalArguments) ? values.additionalArguments : [];
  return [
    ...Object.keys(fields(experimental.plugins)), ...Object.keys(fields(experimental.localPlugins)),
    ...flags.flatMap((flag) => (typeof flag === 'string' ? [PLUGIN_FLAG.exec(flag)?.[1]].filter((name): name is string => name !== undefined) : [])),
  ];
}

/**
 * Each plugin a Middleware of the cluster runs that the library's Traefik does not declare: an error on
 * `spec.plugin.<name>`, whose hint declares it through the component's values. A Traefik the library does not
 * install (K3s' own) is configured elsewhere, and left alone.
 */
export function checkTraefikPlugins(cluster: SynthesizedCluster): Finding[] {
  const traefik = cluster.chart.platform.get('traefik');
  if (traefik === undefined || traefik.install.type !== 'helm') {
    return [];
  }
  const declared = declaredTraefikPlugins(traefik.values);
  const known = new Set(declared.map((name) => name.toLowerCase()));
  return indexOf(cluster.objects).of('Middleware').filter((m) => text(m.manifest.apiVersion)?.startsWith('traefik.') === true).flatMap((middleware) =>
    Object.keys(fields(fields(middleware.manifest.spec).plugin)).filter((name) => !known.has(name.toLowerCase())).map((name) => {
      const meant = closestName(name, declared);
      return objectFinding(middleware, {
        layer: 'references', severity: 'error', field: `spec.plugin.${name}`,
        message: `runs plugin "${name}", which Traefik's static configuration does not declare${meant ? ` (it declares "${meant}")` : ''}: Traefik cannot build the Middleware, and leaves out every route that names it`,
        hint: meant ? `name the plugin as Traefik declares it: spec.plugin.${meant}`
          : `declare it: cluster.platform.get('traefik')?.addValues({ experimental: { plugins: { ${/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`}: { moduleName: 'github.com/<owner>/<plugin>', version: 'v<release>' } } } })`,
      });
    }));
}
