import { LabeledIndex, SelectorIndex } from '../constructs/validation/label-index';

const pods: Array<{ name: string; labels: Record<string, string> }> = [
  { name: 'web-a', labels: { 'app.kubernetes.io/name': 'web', tier: 'front' } },
  { name: 'db', labels: { 'app.kubernetes.io/name': 'db', tier: 'back' } },
  { name: 'web-b', labels: { 'app.kubernetes.io/name': 'web', tier: 'canary' } },
  { name: 'bare', labels: {} },
];

describe('LabeledIndex', () => {
  const index = new LabeledIndex(pods);
  const names = (selector: Record<string, unknown>) => index.selectedBy(selector).map((pod) => pod.name);

  test('a selector requiring labels picks every item carrying all of them, in the order given', () => {
    expect(names({ matchLabels: { 'app.kubernetes.io/name': 'web' } })).toEqual(['web-a', 'web-b']);
    expect(names({ matchLabels: { 'app.kubernetes.io/name': 'web', tier: 'canary' } })).toEqual(['web-b']);
    expect(names({ matchLabels: { 'app.kubernetes.io/name': 'web', tier: 'back' } })).toEqual([]);
  });

  test('requirements by expression are met as well as the required labels', () => {
    expect(names({ matchLabels: { 'app.kubernetes.io/name': 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['canary'] }] })).toEqual(['web-a']);
    expect(names({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] })).toEqual(['web-a', 'db', 'web-b']);
    expect(names({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] })).toEqual(['bare']);
  });

  test('an empty selector picks everything, and a label no item carries picks nothing', () => {
    expect(names({})).toEqual(['web-a', 'db', 'web-b', 'bare']);
    expect(index.someSelectedBy({ matchLabels: { app: 'web' } })).toBe(false);
    expect(index.someSelectedBy({ matchLabels: { tier: 'back' } })).toBe(true);
  });
});

describe('SelectorIndex', () => {
  test('finds a selector from any label of the pod, and tries unkeyed selectors on every pod', () => {
    const selectors = new SelectorIndex();
    selectors.add({ matchLabels: { 'app.kubernetes.io/name': 'web', tier: 'front' } });
    expect(selectors.selectsAny(pods[0].labels)).toBe(true);
    expect(selectors.selectsAny(pods[2].labels)).toBe(false);
    expect(selectors.selectsAny(pods[3].labels)).toBe(false);
    selectors.add({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] });
    expect(selectors.selectsAny(pods[1].labels)).toBe(true);
    expect(selectors.selectsAny(pods[3].labels)).toBe(false);
    selectors.add({});
    expect(selectors.selectsAny(pods[3].labels)).toBe(true);
  });
});
