import type { BadInput } from './cases';
import { ruledWidget } from './cases-apiserver-parity-25';
import { refusedAtW as at } from './lab';

// What a strict server-side dry-run refuses beyond the rounds before: custom resources that break a rule of
// their CRD calling Kubernetes' URL library, which every 1.30 API server gives CRD rules (isURL, and url() with
// getScheme, getHost, getHostname, getPort, getEscapedPath and getQuery). Such a rule was skipped, so a custom
// resource it refuses passed synthesis and the API server refused it.

const TEXT = { type: 'string' };

export const CASES: BadInput[] = [
  at('a Widget address that is no URL its CRD rule requires with isURL', ruledWidget(TEXT, 'isURL(self)', 'example.com/hook'), 'spec.x', /schema that CustomResourceDefinition widgets\.lab\.example gives Widget/),
  at('a Widget address of another scheme than its CRD rule allows', ruledWidget(TEXT, "url(self).getScheme() == 'https'", 'http://hooks.example.com/in'), 'spec.x'),
  at('a Widget address at another host than its CRD rule allows', ruledWidget(TEXT, "url(self).getHost() == 'hooks.example.com'", 'https://evil.example.org/in'), 'spec.x'),
  at('a Widget address whose host name (its port left out) is not the one its CRD rule allows', ruledWidget(TEXT, "url(self).getHostname() == 'hooks.example.com'", 'https://other.example.com:8443/in'), 'spec.x'),
  at('a Widget address on a port its CRD rule refuses', ruledWidget(TEXT, "url(self).getPort() in ['', '443']", 'https://hooks.example.com:8443/in'), 'spec.x'),
  at('a Widget address at a path outside the one its CRD rule allows', ruledWidget(TEXT, "url(self).getEscapedPath().startsWith('/api/')", 'https://hooks.example.com/admin/x'), 'spec.x'),
  at('a Widget address with a query parameter its CRD rule forbids', ruledWidget(TEXT, "!('token' in url(self).getQuery())", 'https://hooks.example.com/in?token=abc'), 'spec.x'),
  at('a Widget address whose IPv6 host name is not the one its CRD rule allows', ruledWidget(TEXT, "url(self).getHostname() == 'fd00::1'", 'http://[fd00::2]:8080/'), 'spec.x'),
];
