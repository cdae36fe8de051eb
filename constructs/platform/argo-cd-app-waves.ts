import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { HomelabApp } from '../app/app';
import type { ClusterChart } from './cluster-chart';
import { SYNC_WAVE_ANNOTATION } from './engine-marks';

// Argo CD applies an Application's objects wave by wave and waits for each wave to be healthy before the next:
// an app that depends on another (`wiki.node.addDependency(db)`) is synced once what it depends on is ready, as
// the dependency says. Flux applies a layer's objects together, where the clients' retries do the waiting.

export { SYNC_WAVE_ANNOTATION };

/**
 * The App of the cluster that `construct` is part of (itself, or the App above it), or undefined for a construct of
 * no App (a hand-written object, a platform component's) or of another cluster.
 */
function homelabAppOf(construct: IConstruct, cluster: ClusterChart): HomelabApp | undefined {
  const scopes = construct.node.scopes;
  if (!scopes.includes(cluster)) {
    return undefined;
  }
  return scopes.slice(scopes.indexOf(cluster) + 1).find((scope): scope is HomelabApp => scope instanceof HomelabApp);
}

/** The constructs that `app` or a construct of it depends on, the ones of the App itself left out. */
function dependenciesOf(app: HomelabApp): IConstruct[] {
  return app.node.findAll().flatMap((construct) => construct.node.dependencies).filter((dependency) => !dependency.node.scopes.includes(app));
}

/**
 * The sync wave of each App of `apps` that depends on something of the cluster: one past the waves of the Apps it
 * depends on, and 1 for a dependency on an object of no App (a database Cluster written by hand, in wave 0). A
 * dependency on another cluster is an error of its own, and a cycle too: neither adds a wave (a cycle's waves then
 * depend on where it was entered, which no written output comes to). Pure over the tree.
 */
export function appSyncWaves(apps: readonly HomelabApp[], cluster: ClusterChart): Map<HomelabApp, number> {
  const waves = new Map<HomelabApp, number>();
  const waveOf = (app: HomelabApp, path: ReadonlySet<HomelabApp>): number => {
    const known = waves.get(app);
    if (known !== undefined) {
      return known;
    }
    let wave = 0;
    for (const dependency of dependenciesOf(app)) {
      if (!dependency.node.scopes.includes(cluster)) {
        continue;
      }
      const other = homelabAppOf(dependency, cluster);
      if (other === undefined) {
        wave = Math.max(wave, 1);
      } else if (!path.has(other)) {
        wave = Math.max(wave, waveOf(other, new Set([...path, app])) + 1);
      }
    }
    waves.set(app, wave);
    return wave;
  };
  apps.forEach((app) => waveOf(app, new Set()));
  return new Map([...waves].filter(([, wave]) => wave > 0));
}

/**
 * Puts the objects of each App of the cluster that depends on another in the sync wave of its dependencies' depth
 * (see {@link appSyncWaves}); a wave an object was given by hand is kept.
 */
export function orderAppsBySyncWave(cluster: ClusterChart): void {
  const apps = cluster.node.findAll().filter((construct): construct is HomelabApp => construct instanceof HomelabApp);
  for (const [app, wave] of appSyncWaves(apps, cluster)) {
    for (const object of app.node.findAll().filter((construct): construct is ApiObject => construct instanceof ApiObject)) {
      if ((object.metadata.toJson() as { annotations?: Record<string, string> }).annotations?.[SYNC_WAVE_ANNOTATION] === undefined) {
        object.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, String(wave));
      }
    }
  }
}
