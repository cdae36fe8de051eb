import type { BadInput } from './cases';
import { ruledWidget } from './cases-apiserver-parity-25';
import { refusedAtW as at } from './lab';

// What a strict server-side dry-run refuses beyond the rounds before: custom resources that break a rule of
// their CRD calling Kubernetes' URL library, which every 1.30 API server gives CRD rules (isURL, and url() with
// getScheme, getHost, getHostname, getPort, getEscapedPath and getQuery). Such a rule was skipped, so a custom
// resource it refuses passed synthesis and the API server refused it. So was a rule calling its quantity library
// (isQuantity, and quantity() with sign, isInteger, asInteger, asApproximateFloat and the comparisons).

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
  at('a Widget size that is no quantity its CRD rule requires with isQuantity', ruledWidget(TEXT, 'isQuantity(self)', '10 GB'), 'spec.x'),
  at('a Widget size above the most its CRD rule allows with isLessThan', ruledWidget(TEXT, "quantity(self).isLessThan(quantity('1Gi'))", '1500Mi'), 'spec.x'),
  at('a Widget size below the least its CRD rule allows with compareTo', ruledWidget(TEXT, "quantity(self).compareTo(quantity('100Mi')) >= 0", '0.05Gi'), 'spec.x'),
  at('a Widget share of a fraction where its CRD rule requires a whole number', ruledWidget(TEXT, 'quantity(self).isInteger()', '1500m'), 'spec.x'),
  at('a Widget count above the most its CRD rule allows with asInteger', ruledWidget(TEXT, 'quantity(self).asInteger() <= 10', '2e1'), 'spec.x'),
  at('a negative Widget size, refused by its CRD rule with sign', ruledWidget(TEXT, 'quantity(self).sign() >= 0', '-1k'), 'spec.x'),
];
