import { IANA_SERVICE_NAME, nameProblem } from '../validation/dns-names';
import type { PropProblem } from '../validation/known-props';

/**
 * Problems with the names of ports given as props at `field` (`ports`, `sidecars[0].ports`): each names a
 * container port and a Service port, so it is an IANA service name, once per list. Reported on the prop,
 * not once on the Deployment and again on the Service.
 */
export function portNameProblems(ports: unknown, field: string): PropProblem[] {
  if (!Array.isArray(ports)) {
    return [];
  }
  const seen = new Map<string, number>();
  return ports.flatMap((port: unknown, i): PropProblem[] => {
    const name = port !== null && typeof port === 'object' ? (port as Record<string, unknown>).name : undefined;
    if (typeof name !== 'string') {
      return []; // the props' shape reports it
    }
    const problem = nameProblem(name, IANA_SERVICE_NAME);
    if (problem) {
      return [{ field: `${field}[${i}].name`, message: `port name ${problem}`, hint: `name the port in lower case, at most 15 characters, e.g. '${name.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 15)}'` }];
    }
    const first = seen.get(name);
    seen.set(name, first ?? i);
    return first === undefined ? [] : [{
      field: `${field}[${i}].name`, message: `port name "${name}" is taken by ${field}[${first}]`,
      hint: `give each port its own name, e.g. '${name.slice(0, 11)}-udp' for the same number over another protocol`,
    }];
  });
}
