import type { ServicePortMade } from '../platform/component';
import type { SynthesizedCluster } from '../synth/collect';
import { platformReading } from './platform-reading';

// A platform component's chart makes Services the output does not show (a HelmRelease renders them in the cluster);
// the component states them with their ports, so a call of one can be judged as a call of a Service written out is.

/** The Services of the component whose chart makes Service `name` in `namespace`, by name with their ports; undefined when none states it. */
function chartServicesBeside(cluster: SynthesizedCluster, name: string, namespace: string): Readonly<Record<string, readonly ServicePortMade[]>> | undefined {
  return platformReading(cluster).components.find((component) => component.namespace === namespace && component.props.services?.[name] !== undefined)?.props.services;
}

/**
 * What is wrong with a call of Service `name` of `namespace` on `port` that a component's chart makes: nothing
 * (undefined) when no component states the Service or it serves the port; else the ports it serves, and the same
 * chart's other Services that serve the port called (Loki's gateway on 80, where Loki itself serves 3100).
 */
export function unservedChartPort(cluster: SynthesizedCluster, name: string, namespace: string, port: number): { served: string; servedElsewhere: string[] } | undefined {
  const services = chartServicesBeside(cluster, name, namespace);
  const ports = services?.[name] ?? [];
  if (ports.length === 0 || ports.some((p) => p.port === port)) {
    return undefined;
  }
  return {
    served: ports.map((p) => `${p.port} (${p.name})`).join(', '),
    servedElsewhere: Object.entries(services!).filter(([other, made]) => other !== name && made.some((p) => p.port === port)).map(([other]) => `${other}.${namespace}`),
  };
}
