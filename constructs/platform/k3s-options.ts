import type { PropProblem } from '../validation/known-props';
import type { K3sProps } from './k3s';

// What `k3s()` cannot take beyond the types of its options: the server would not start with them, and
// synthesis writes them into the owner's start command as they are.

/** The URL agents join at: https, a host and at most a port. */
function serverUrlProblem(serverUrl: unknown): PropProblem[] {
  return typeof serverUrl !== 'string' || /^https:\/\/[A-Za-z0-9.-]+(:\d+)?\/?$/.test(serverUrl) ? [] : [{
    field: 'serverUrl', message: `serverUrl "${serverUrl}" is not the https URL of a host and port`,
    hint: "give the URL agents join at, e.g. 'https://storage.example.ts.net:6443'",
  }];
}

/** A range whose first port is past its last: the API server refuses to start with it. */
function reversedRangeProblem(range: unknown): PropProblem[] {
  const { first, last } = (range ?? {}) as { first?: unknown; last?: unknown };
  return typeof first !== 'number' || typeof last !== 'number' || first <= last ? [] : [{
    field: 'serviceNodePortRange', message: `node-port range ${first}-${last} is reversed, which the API server refuses at start`,
    hint: `give the first port first: { first: ${last}, last: ${first} }`,
  }];
}

/** Extra flags are written after the others on the command line: without `--` K3s takes them as arguments. */
function flagProblems(flags: unknown): PropProblem[] {
  return (Array.isArray(flags) ? flags : []).flatMap((flag, i) => (typeof flag !== 'string' || /^--[a-z]/.test(flag) ? [] : [{
    field: `extraServerFlags[${i}]`, message: `"${flag}" is not a flag of the K3s server, which takes flags as --name or --name=value`,
    hint: `write it as on the command line, e.g. '--${flag.replace(/^-*/, '')}'`,
  }]));
}

/** Everything {@link k3s} finds wrong with `props` beyond their shape. Pure. */
export function k3sOptionProblems(props: Partial<K3sProps> | undefined): PropProblem[] {
  return [
    ...serverUrlProblem(props?.serverUrl),
    ...reversedRangeProblem(props?.serviceNodePortRange),
    ...flagProblems(props?.extraServerFlags),
  ];
}
