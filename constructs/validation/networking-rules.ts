import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, Fields, list, text } from './manifest';
import { isStrictSubset, parseIpBlock } from '../inventory/ip';
import { cleanedPath, pathTraversalProblem } from './path-traversal';
import { isCidr } from './schema/formats';
import { checkLabelSelector } from './selector-rules';

/**
 * Ingress paths the API server refuses: a path that is not absolute or holds `//`, `/./` or `/../`, and a backend with both a Service
 * and a resource, or a Service port given both by number and by name.
 */
export function checkIngressPaths(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  if (spec.defaultBackend !== undefined) {
    checkIngressBackend(fields(spec.defaultBackend), 'spec.defaultBackend', add);
  }
  list(spec.rules).forEach((rule, r) => {
    list(fields(rule.http).paths).forEach((path, p) => {
      checkIngressBackend(fields(path.backend), `spec.rules[${r}].http.paths[${p}].backend`, add);
      const value = text(path.path);
      const exactOrPrefix = path.pathType === 'Exact' || path.pathType === 'Prefix';
      if ((value !== undefined && value !== '' && !value.startsWith('/')) || (exactOrPrefix && (value ?? '') === '')) {
        add(`spec.rules[${r}].http.paths[${p}].path`, `path ${JSON.stringify(value ?? '')} is not an absolute path`, 'start the path with /, e.g. /api');
      } else if (exactOrPrefix && value !== undefined && pathTraversalProblem(value) !== undefined) {
        add(`spec.rules[${r}].http.paths[${p}].path`, `path ${JSON.stringify(value)} ${pathTraversalProblem(value)}, which the API server refuses for pathType ${String(path.pathType)}`,
          `write the path as requests carry it: ${cleanedPath(value)}`);
      }
    });
  });
}

/** An Ingress backend is a Service or a resource, and a Service port a number or a name. */
function checkIngressBackend(backend: Fields, at: string, add: AddFinding): void {
  if (backend.service !== undefined && backend.resource !== undefined) {
    add(at, 'the backend names a Service and a resource; it takes one', 'drop service or resource');
  }
  const port = fields(fields(backend.service).port);
  if (port.number !== undefined && port.name !== undefined) {
    add(`${at}.service.port`, 'the Service port is given by number and by name; it takes one', 'drop number or name');
  }
}

/**
 * NetworkPolicy selectors, peers and ports the API server refuses: a malformed label selector, a CIDR it
 * cannot parse, an exception that is no strict subset of its block, a port outside 1–65535, a port range
 * on a named port.
 */
export function checkNetworkPolicyRules(object: SynthesizedObject, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  checkLabelSelector(spec.podSelector, 'spec.podSelector', add);
  for (const [direction, peersKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    list(spec[direction]).forEach((rule, r) => {
      list(rule[peersKey]).forEach((peer, p) => {
        checkLabelSelector(peer.podSelector, `spec.${direction}[${r}].${peersKey}[${p}].podSelector`, add);
        checkLabelSelector(peer.namespaceSelector, `spec.${direction}[${r}].${peersKey}[${p}].namespaceSelector`, add);
        const block = peer.ipBlock === undefined ? undefined : fields(peer.ipBlock);
        if (block === undefined) {
          return;
        }
        const at = `spec.${direction}[${r}].${peersKey}[${p}].ipBlock`;
        if (typeof block.cidr !== 'string' || !isCidr(block.cidr)) {
          add(`${at}.cidr`, `${JSON.stringify(block.cidr)} is not a CIDR`, 'write a network as address/prefix, e.g. 192.168.1.0/24');
        }
        const outer = typeof block.cidr === 'string' ? parseIpBlock(block.cidr) : undefined;
        (Array.isArray(block.except) ? block.except : []).forEach((except: unknown, e: number) => {
          if (typeof except !== 'string' || !isCidr(except)) {
            add(`${at}.except[${e}]`, `${JSON.stringify(except)} is not a CIDR`, 'write a network as address/prefix, e.g. 192.168.1.0/28');
            return;
          }
          // The API server's ValidateIPBlock: an exception carves a smaller block out of the cidr.
          const inner = parseIpBlock(except);
          if (outer !== undefined && inner !== undefined && !isStrictSubset(inner, outer)) {
            add(`${at}.except[${e}]`, `${except} is not a strict subset of the cidr ${String(block.cidr)}`,
              `except only blocks inside ${String(block.cidr)} with a longer prefix, or drop it`);
          }
        });
      });
      list(rule.ports).forEach((port, i) => {
        for (const key of ['port', 'endPort'] as const) {
          const value = port[key];
          if (typeof value === 'number' && !(Number.isInteger(value) && value >= 1 && value <= 65535)) {
            add(`spec.${direction}[${r}].ports[${i}].${key}`, `port ${value} is not within 1–65535`, 'give a port of 1–65535, or its name');
          }
        }
        if (port.endPort === undefined) {
          return;
        }
        const at = `spec.${direction}[${r}].ports[${i}].endPort`;
        if (typeof port.port !== 'number') {
          add(at, 'a port range needs a numeric port to start from', 'give port as a number, or drop endPort');
        } else if (typeof port.endPort === 'number' && port.endPort < port.port) {
          add(at, `the range ends at ${port.endPort}, below its start ${port.port}`, 'give an endPort at least as large as port');
        }
      });
    });
  }
}
